import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { EXCHANGE_SCOPE, LOGIN_SCOPE, REDIRECT_URI, TEST_APP, useHarness } from "./test-support/harness";

const h = useHarness();
let jwks: ReturnType<typeof createLocalJWKSet>;
beforeAll(async () => {
  jwks = createLocalJWKSet((await h.request(`/${h.em.tenantId}/discovery/v2.0/keys`)).json<JSONWebKeySet>());
});

describe("the sign-in page", () => {
  test("lists the demo users as buttons named 'Sign in as <upn>' with their display names", async () => {
    const page = await h.request(
      h.authorizeUrl({
        client_id: TEST_APP.clientId,
        response_type: "code",
        redirect_uri: REDIRECT_URI,
        scope: LOGIN_SCOPE,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
      }),
    );
    expect(page.status).toBe(200);
    expect(page.header("content-type")).toMatch(/^text\/html/);
    const html = page.text();
    for (const upn of Object.values(DEMO_USERS)) {
      expect(html).toContain(`<button type="submit" name="login" value="${upn}">Sign in as ${upn}</button>`);
    }
    expect(html).toContain("Helpdesk Agent");
    expect(html).toMatch(/<form method="post" action="[^"]+">/);
    expect(html).toMatch(/<html lang="en">/);
  });
});

describe("authorization code with PKCE", () => {
  test("redirects back with code, state and session_state, then redeems for Entra-shaped tokens", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk);
    expect(signIn.status).toBe(302);
    expect(signIn.location?.origin + signIn.location!.pathname).toBe(REDIRECT_URI);
    expect(signIn.location?.searchParams.get("state")).toBe("state-123");
    expect(signIn.location?.searchParams.get("session_state")).toMatch(/^[0-9a-f-]{36}$/);
    expect(signIn.response.header("set-cookie")).toMatch(/^ESTSAUTH=/);

    const res = await h.redeem(signIn.code!, signIn.verifier);
    expect(res.status).toBe(200);
    expect(res.header("cache-control")).toContain("no-store");
    const body = res.json();
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 3600, ext_expires_in: 3600 });
    expect(body.scope.split(" ")).toEqual([EXCHANGE_SCOPE, "openid", "profile", "offline_access"]);
    expect(body.refresh_token).toEqual(expect.any(String));

    const { payload: at, protectedHeader } = await jwtVerify(body.access_token, jwks, {
      issuer: `https://sts.windows.net/${h.em.tenantId}/`,
      audience: "https://outlook.office365.com",
    });
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" });
    expect(at).toMatchObject({
      scp: "Exchange.Manage",
      tid: h.em.tenantId,
      upn: DEMO_USERS.helpdesk,
      unique_name: DEMO_USERS.helpdesk,
      name: "Helpdesk Agent",
      appid: TEST_APP.clientId,
      ver: "1.0",
    });
    expect(at.exp! - Math.floor(Date.now() / 1000)).toBeGreaterThan(3590);
    expect(at.nbf).toBe(at.iat);

    const { payload: id } = await jwtVerify(body.id_token, jwks, { issuer: `${h.em.url}/${h.em.tenantId}/v2.0`, audience: TEST_APP.clientId });
    expect(id).toMatchObject({
      oid: at.oid,
      tid: h.em.tenantId,
      preferred_username: DEMO_USERS.helpdesk,
      name: "Helpdesk Agent",
      nonce: "nonce-456",
      roles: ["ExoDesk.Helpdesk"],
      ver: "2.0",
    });
    expect(id.sub).not.toBe(at.sub); // pairwise per audience
    expect(id).not.toHaveProperty("upn"); // a v2.0 ID token has upn only as a configured optional claim

    const info = JSON.parse(Buffer.from(body.client_info, "base64url").toString("utf8"));
    expect(info).toEqual({ uid: at.oid, utid: h.em.tenantId });
  });

  test("a user without app roles gets an ID token without roles", async () => {
    const body = await h.tokensFor(DEMO_USERS.norole);
    expect(decodeJwt(body.id_token).roles).toBeUndefined();
  });

  test("client_secret_basic works as well as client_secret_post", async () => {
    const signIn = await h.signIn(DEMO_USERS.approver);
    const basic = Buffer.from(`${encodeURIComponent(TEST_APP.clientId)}:${encodeURIComponent(TEST_APP.clientSecret)}`).toString("base64");
    const res = await h.token(
      { grant_type: "authorization_code", code: signIn.code, code_verifier: signIn.verifier, redirect_uri: REDIRECT_URI, scope: LOGIN_SCOPE },
      { Authorization: `Basic ${basic}` },
    );
    expect(res.status).toBe(200);
    expect(decodeJwt(res.json().id_token).roles).toEqual(["ExoDesk.Approver"]);
  });

  test("no refresh token without offline_access, no ID token without openid, no client_info unless asked", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk, { scope: EXCHANGE_SCOPE });
    const res = await h.redeem(signIn.code!, signIn.verifier, { scope: EXCHANGE_SCOPE, client_info: undefined });
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "ext_expires_in", "scope", "token_type"]);
  });

  test(".default gives every consented Exchange permission", async () => {
    const body = await h.tokensFor(DEMO_USERS.helpdesk, "openid offline_access https://outlook.office365.com/.default");
    expect(decodeJwt(body.access_token).scp).toBe("Exchange.Manage EWS.AccessAsUser.All");
  });

  test("response_mode=form_post answers with a self-posting form", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk, { response_mode: "form_post" });
    expect(signIn.status).toBe(200);
    const html = signIn.response.text();
    expect(html).toContain(`action="${REDIRECT_URI}"`);
    expect(html).toMatch(/name="code" value="[^"]+"/);
    expect(html).toContain('name="state" value="state-123"');
  });

  test("prompt=none signs in silently with the session cookie, and asks for login without one", async () => {
    const first = await h.signIn(DEMO_USERS.helpdesk);
    const cookie = first.response.header("set-cookie")!.split(";")[0]!;
    const params = {
      client_id: TEST_APP.clientId,
      response_type: "code",
      redirect_uri: REDIRECT_URI,
      scope: LOGIN_SCOPE,
      state: "silent",
      prompt: "none",
      code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      code_challenge_method: "S256",
    };
    const silent = await h.request(h.authorizeUrl(params), { headers: { Cookie: cookie } });
    expect(silent.status).toBe(302);
    expect(new URL(silent.header("location")!).searchParams.get("code")).toBeTruthy();
    const anonymous = await h.request(h.authorizeUrl(params));
    const location = new URL(anonymous.header("location")!);
    expect(location.searchParams.get("error")).toBe("login_required");
    expect(location.searchParams.get("error_description")).toMatch(/^AADSTS50058: /);
    expect(location.searchParams.get("state")).toBe("silent");
  });
});

describe("refresh tokens", () => {
  test("rotate: each refresh returns a new refresh token and the old one keeps working", async () => {
    const first = await h.tokensFor(DEMO_USERS.helpdesk);
    const refresh = (token: string) =>
      h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: token, scope: LOGIN_SCOPE, client_info: "1" });
    const second = await refresh(first.refresh_token);
    expect(second.status).toBe(200);
    const body = second.json();
    expect(body.refresh_token).not.toBe(first.refresh_token);
    expect(body.access_token).not.toBe(first.access_token);
    expect(decodeJwt(body.id_token).nonce).toBeUndefined();
    expect(body.client_info).toBe(first.client_info);
    expect((await refresh(first.refresh_token)).status).toBe(200);
  });

  test("the lifetime set through the control API applies to tokens issued from then on", async () => {
    await h.control("POST", "token-lifetime", { seconds: 60 });
    const body = await h.tokensFor(DEMO_USERS.helpdesk);
    expect(body.expires_in).toBe(60);
    const at = decodeJwt(body.access_token);
    expect(at.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60);
  });
});
