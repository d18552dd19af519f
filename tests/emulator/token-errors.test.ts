import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness, LOGIN_SCOPE, OTHER_APP, pkcePair, REDIRECT_URI, TEST_APP } from "./test-support/harness";

const h = useHarness();

function expectEntraError(body: Record<string, unknown>, error: string, code: number): void {
  expect(body.error).toBe(error);
  expect(body.error_codes).toEqual([code]);
  expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: `));
  expect(Object.keys(body)).toEqual(expect.arrayContaining(["timestamp", "trace_id", "correlation_id"]));
}

const refreshWith = (token: string) =>
  h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: token, scope: LOGIN_SCOPE });

describe("client authentication at the token endpoint", () => {
  test("a wrong secret is 401 invalid_client AADSTS7000215", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk);
    const res = await h.redeem(signIn.code!, signIn.verifier, { client_secret: "not-the-secret" });
    expect(res.status).toBe(401);
    expectEntraError(res.json(), "invalid_client", 7000215);
  });

  test("a wrong secret through HTTP Basic is refused the same way", async () => {
    const basic = Buffer.from(`${TEST_APP.clientId}:nope`).toString("base64");
    const res = await h.token({ grant_type: "refresh_token", refresh_token: "x" }, { Authorization: `Basic ${basic}` });
    expect(res.status).toBe(401);
    expectEntraError(res.json(), "invalid_client", 7000215);
  });

  test("no secret is 401 AADSTS7000218; an unknown client is 400 AADSTS700016", async () => {
    const noSecret = await h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, refresh_token: "x" });
    expect(noSecret.status).toBe(401);
    expectEntraError(noSecret.json(), "invalid_client", 7000218);
    const unknown = await h.token({ grant_type: "refresh_token", client_id: "00000000-0000-0000-0000-000000000001", client_secret: "x", refresh_token: "x" });
    expect(unknown.status).toBe(400);
    expectEntraError(unknown.json(), "unauthorized_client", 700016);
  });

  test("an unsupported grant and a GET are refused", async () => {
    const grant = await h.token({ grant_type: "password", client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret });
    expectEntraError(grant.json(), "unsupported_grant_type", 70003);
    const get = await h.request(`${h.tenantUrl}/oauth2/v2.0/token`);
    expectEntraError(get.json(), "invalid_request", 900561);
  });

  test("MSAL's client-request-id comes back as the correlation id", async () => {
    const res = await h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, client_secret: "x", refresh_token: "x" }, {
      "client-request-id": "11111111-2222-3333-4444-555555555555",
    });
    expect(res.json().correlation_id).toBe("11111111-2222-3333-4444-555555555555");
    expect(res.header("client-request-id")).toBe("11111111-2222-3333-4444-555555555555");
  });
});

describe("authorization codes", () => {
  test("are single use: the second redemption is AADSTS54005", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk);
    expect((await h.redeem(signIn.code!, signIn.verifier)).status).toBe(200);
    const again = await h.redeem(signIn.code!, signIn.verifier);
    expect(again.status).toBe(400);
    expectEntraError(again.json(), "invalid_grant", 54005);
  });

  test("expire after ten minutes: AADSTS70008", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk);
    await h.control("POST", "clock", { advanceSeconds: 601 });
    const res = await h.redeem(signIn.code!, signIn.verifier);
    expectEntraError(res.json(), "invalid_grant", 70008);
  });

  test("are bound to the PKCE verifier, the redirect URI and the client", async () => {
    const signIn = await h.signIn(DEMO_USERS.helpdesk);
    const wrongVerifier = await h.redeem(signIn.code!, pkcePair().verifier);
    expectEntraError(wrongVerifier.json(), "invalid_grant", 50148);
    const noVerifier = await h.redeem(signIn.code!, "", { code_verifier: undefined });
    expectEntraError(noVerifier.json(), "invalid_grant", 50148);
    const wrongRedirect = await h.redeem(signIn.code!, signIn.verifier, { redirect_uri: TEST_APP.redirectUris[1] });
    expectEntraError(wrongRedirect.json(), "invalid_grant", 70000);
    const otherClient = await h.redeem(signIn.code!, signIn.verifier, { client_id: OTHER_APP.clientId, client_secret: OTHER_APP.clientSecret });
    expectEntraError(otherClient.json(), "invalid_grant", 70000);
    expect((await h.redeem(signIn.code!, signIn.verifier)).status).toBe(200); // none of the failures consumed it
  });

  test("an unknown code is AADSTS9002313", async () => {
    const res = await h.redeem("1.AnotARealCode", pkcePair().verifier);
    expectEntraError(res.json(), "invalid_grant", 9002313);
  });
});

describe("refresh token revocation", () => {
  test("revoked refresh tokens fail with AADSTS50173 and no suberror, as Entra words it", async () => {
    const tokens = await h.tokensFor(DEMO_USERS.helpdesk);
    const revoked = await h.control("POST", "revoke", { upn: DEMO_USERS.helpdesk });
    expect(revoked).toMatchObject({ revokedRefreshTokens: 1, form: "revoked" });
    const res = await refreshWith(tokens.refresh_token);
    expect(res.status).toBe(400);
    const body = res.json();
    expectEntraError(body, "invalid_grant", 50173);
    expect(body).not.toHaveProperty("suberror");
    expect(body.error_description).toContain("TokensValidFrom");
  });

  // Each form a test can choose per revocation, as public captures show Entra sending them.
  test.each([
    { form: "revoked-bad-token", error: "invalid_grant", code: 50173, suberror: "bad_token", text: "TokensValidFrom" },
    { form: "sign-in-frequency", error: "invalid_grant", code: 70043, suberror: "token_expired", text: "sign-in frequency checks by conditional access" },
    { form: "sign-in-frequency-interaction", error: "interaction_required", code: 70043, suberror: "token_expired", text: "maximum allowed lifetime for this request is" },
    { form: "expired", error: "invalid_grant", code: 700082, suberror: undefined, text: "has expired due to inactivity" },
  ])("a revocation in the form $form refuses the refresh token with $error AADSTS$code", async ({ form, error, code, suberror, text }) => {
    const tokens = await h.tokensFor(DEMO_USERS.helpdesk);
    await h.control("POST", "clock", { advanceSeconds: 3600 });
    expect(await h.control("POST", "revoke", { upn: DEMO_USERS.helpdesk, form })).toMatchObject({ form, revokedRefreshTokens: 1 });
    const res = await refreshWith(tokens.refresh_token);
    expect(res.status).toBe(400);
    const body = res.json();
    expectEntraError(body, error, code);
    expect(body.suberror).toBe(suberror);
    expect(body.error_description).toContain(text);
  });

  test("an unknown refusal form is refused by the control API", async () => {
    await expect(h.control("POST", "revoke", { upn: DEMO_USERS.helpdesk, form: "stolen" })).rejects.toThrow(/form must be one of/);
  });

  test("a new sign-in after revocation works again", async () => {
    await h.tokensFor(DEMO_USERS.helpdesk);
    await h.control("POST", "revoke", { upn: DEMO_USERS.helpdesk });
    const fresh = await h.tokensFor(DEMO_USERS.helpdesk);
    expect((await refreshWith(fresh.refresh_token)).status).toBe(200);
  });

  test("an unknown refresh token is invalid_grant with suberror bad_token", async () => {
    const body = (await refreshWith("1.AgarbageToken")).json();
    expectEntraError(body, "invalid_grant", 9002313);
    expect(body.suberror).toBe("bad_token");
  });

  test("a refresh token unused for 90 days has expired (AADSTS700082)", async () => {
    const tokens = await h.tokensFor(DEMO_USERS.helpdesk);
    await h.control("POST", "clock", { advanceSeconds: 91 * 86_400 });
    const body = (await refreshWith(tokens.refresh_token)).json();
    expectEntraError(body, "invalid_grant", 700082);
    expect(body.suberror).toBe("bad_token");
  });
});

const base = () => ({
  client_id: TEST_APP.clientId,
  response_type: "code",
  redirect_uri: REDIRECT_URI,
  scope: LOGIN_SCOPE,
  state: "st",
  code_challenge: pkcePair().challenge,
  code_challenge_method: "S256",
});

describe("authorize request errors", () => {

  test("an unknown client or unregistered redirect URI gets an error page, never a redirect", async () => {
    for (const params of [{ ...base(), client_id: "00000000-0000-0000-0000-00000000beef" }, { ...base(), redirect_uri: "https://evil.example/cb" }]) {
      const res = await h.request(h.authorizeUrl(params));
      expect(res.status).toBe(400);
      expect(res.header("location")).toBeUndefined();
      expect(res.text()).toMatch(/AADSTS(700016|50011)/);
    }
  });

  test("other errors go back to the redirect URI with error, error_description and state", async () => {
    const cases: [Record<string, string | undefined>, string, string][] = [
      [{ code_challenge: undefined, code_challenge_method: undefined }, "invalid_request", "AADSTS9002325"],
      [{ code_challenge_method: "plain" }, "invalid_request", "AADSTS9002325"],
      [{ code_challenge: "short" }, "invalid_request", "AADSTS501491"],
      [{ response_type: "token" }, "unsupported_response_type", "AADSTS700054"],
      [{ scope: undefined }, "invalid_request", "AADSTS900144"],
      [{ scope: "openid https://outlook.office365.com/Exchange.Manage https://graph.microsoft.com/User.Read" }, "invalid_scope", "AADSTS28000"],
      [{ scope: "openid https://unknown.example/Do.Things" }, "invalid_resource", "AADSTS500011"],
      [{ scope: "openid https://outlook.office365.com/Mail.Send" }, "consent_required", "AADSTS65001"],
    ];
    for (const [override, error, code] of cases) {
      const res = await h.request(h.authorizeUrl({ ...base(), ...override }));
      expect(res.status, JSON.stringify(override)).toBe(302);
      const location = new URL(res.header("location")!);
      expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
      expect(location.searchParams.get("error"), JSON.stringify(override)).toBe(error);
      expect(location.searchParams.get("error_description")).toMatch(new RegExp(`^${code}: .*\\r\\nTrace ID: `));
      expect(location.searchParams.get("state")).toBe("st");
    }
  });

  test("a sign-in request can be completed only once", async () => {
    const page = await h.request(h.authorizeUrl(base()));
    const ctx = page.text().match(/name="ctx" value="([^"]+)"/)![1]!;
    const post = () =>
      h.request(`/${h.em.tenantId}/login`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ctx, login: DEMO_USERS.helpdesk }).toString(),
      });
    expect((await post()).status).toBe(302);
    expect((await post()).status).toBe(400);
  });
});

describe("logout", () => {
  test("redirects only to the origin of a registered app", async () => {
    const ok = await h.request(`${h.tenantUrl}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://localhost:3000/signed-out")}`);
    expect(ok.status).toBe(302);
    expect(ok.header("location")).toBe("https://localhost:3000/signed-out");
    const evil = await h.request(`${h.tenantUrl}/oauth2/v2.0/logout?post_logout_redirect_uri=${encodeURIComponent("https://evil.example/")}`);
    expect(evil.status).toBe(200);
    expect(evil.header("location")).toBeUndefined();
    expect(evil.text()).toContain("You signed out");
  });

  test("ends the browser session used by prompt=none", async () => {
    const first = await h.signIn(DEMO_USERS.helpdesk);
    const cookie = first.response.header("set-cookie")!.split(";")[0]!;
    await h.request(`${h.tenantUrl}/oauth2/v2.0/logout`, { headers: { Cookie: cookie } });
    const silent = await h.request(h.authorizeUrl({ ...base(), prompt: "none" }), { headers: { Cookie: cookie } });
    expect(new URL(silent.header("location")!).searchParams.get("error")).toBe("login_required");
  });
});
