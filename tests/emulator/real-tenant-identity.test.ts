import { decodeJwt } from "jose";
import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { LOGIN_SCOPE, TEST_APP, useHarness } from "./test-support/harness";

// What real Entra tokens look like where ExoDesk used to assume otherwise: guests (B2B),
// v2.0 ID tokens without upn, and claims challenges only for clients that declare CP1.
const h = useHarness();

// What MSAL sends on every token request once clientCapabilities: ["CP1"] is configured.
const CP1_CLAIMS = JSON.stringify({ id_token: { signin_state: { essential: false } }, access_token: { xms_cc: { values: ["CP1"] } } });

async function tokensFor(upn: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const signIn = await h.signIn(upn);
  const res = await h.redeem(signIn.code!, signIn.verifier, extra);
  expect(res.status).toBe(200);
  return res.json();
}

describe("a B2B guest", () => {
  test("is offered on the sign-in page among the demo accounts", async () => {
    const signIn = await h.signIn(DEMO_USERS.guestHelpdesk);
    expect(signIn.code).toBeTruthy();
    expect(DEMO_USERS.guestHelpdesk).toBe("alex_fabrikam.com#EXT#@contoso.onmicrosoft.com");
  });

  test("client_info names the home tenant while the ID token's oid/tid name ours", async () => {
    const body = await tokensFor(DEMO_USERS.guestHelpdesk);
    const id = decodeJwt(body.id_token!);
    const info = JSON.parse(Buffer.from(body.client_info!, "base64url").toString("utf8")) as { uid: string; utid: string };
    expect(id.tid).toBe(h.em.tenantId);
    expect(info.utid).not.toBe(h.em.tenantId);
    expect(info.uid).not.toBe(id.oid);
    expect(id).toMatchObject({ preferred_username: "alex@fabrikam.com", idp: `https://sts.windows.net/${info.utid}/`, roles: ["ExoDesk.Helpdesk"] });
    expect(id).not.toHaveProperty("upn");
    // A member's two identities are the same person in the same tenant.
    const member = await tokensFor(DEMO_USERS.helpdesk);
    const memberInfo = JSON.parse(Buffer.from(member.client_info!, "base64url").toString("utf8")) as { uid: string; utid: string };
    expect(memberInfo).toEqual({ uid: decodeJwt(member.id_token!).oid, utid: h.em.tenantId });
  });

  test("changes an auto-reply with their access token (Recipient Management in our tenant)", async () => {
    const { access_token } = await tokensFor(DEMO_USERS.guestHelpdesk);
    const at = decodeJwt(access_token!);
    expect(at).toMatchObject({ tid: h.em.tenantId, unique_name: "alex@fabrikam.com" });
    expect(at).not.toHaveProperty("upn");
    const set = await h.invoke(access_token, "Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "Enabled", InternalMessage: "Away" });
    expect(set.status).toBe(200);
    const state = await h.control("GET", "state/mailboxes/adele.vance");
    expect(state.autoReply.autoReplyState).toBe("Enabled");
  });
});

describe("the upn optional claim", () => {
  test("is absent from ID tokens by default and present once configured, until reset", async () => {
    expect(decodeJwt((await tokensFor(DEMO_USERS.helpdesk)).id_token!)).not.toHaveProperty("upn");
    expect(await h.control("POST", "optional-claims", { idToken: ["upn"] })).toEqual({ idToken: ["upn"] });
    expect(decodeJwt((await tokensFor(DEMO_USERS.helpdesk)).id_token!)).toMatchObject({ upn: DEMO_USERS.helpdesk, preferred_username: DEMO_USERS.helpdesk });
    await h.control("POST", "reset");
    expect(await h.control("GET", "optional-claims")).toEqual({ idToken: [] });
  });

  test("only known optional claims can be configured", async () => {
    await expect(h.control("POST", "optional-claims", { idToken: ["groups"] })).rejects.toThrow(/400/);
    await expect(h.control("POST", "optional-claims", {})).rejects.toThrow(/400/);
  });
});

describe("claims challenges after a critical event", () => {
  test("a token of a client without CP1 has no xms_cc and gets a plain 401", async () => {
    const { access_token } = await tokensFor(DEMO_USERS.helpdesk);
    expect(decodeJwt(access_token!)).not.toHaveProperty("xms_cc");
    await h.control("POST", "clock", { advanceSeconds: 60 });
    await h.control("POST", "critical-event", { upn: DEMO_USERS.helpdesk });
    const res = await h.invoke(access_token, "Get-Mailbox", { Identity: "adele.vance" });
    expect(res.status).toBe(401);
    expect(res.header("www-authenticate")).toMatch(/error="invalid_token"$/);
    expect(res.header("www-authenticate")).not.toContain("claims=");
  });

  test("a token of a CP1 client carries xms_cc and gets the claims challenge", async () => {
    const { access_token } = await tokensFor(DEMO_USERS.helpdesk, { claims: CP1_CLAIMS });
    expect(decodeJwt(access_token!).xms_cc).toEqual(["CP1"]);
    await h.control("POST", "clock", { advanceSeconds: 60 });
    const event = await h.control("POST", "critical-event", { upn: DEMO_USERS.helpdesk });
    const res = await h.invoke(access_token, "Get-Mailbox", { Identity: "adele.vance" });
    expect(res.status).toBe(401);
    const header = res.header("www-authenticate") ?? "";
    expect(header).toContain('error="insufficient_claims"');
    const claims = /claims="([^"]+)"/.exec(header)?.[1] ?? "";
    expect(JSON.parse(Buffer.from(claims, "base64").toString("utf8"))).toEqual({ access_token: { nbf: { essential: true, value: String(event.at) } } });
  });

  test("the refresh grant honours CP1 too, and a token issued after the event works", async () => {
    const { refresh_token } = await tokensFor(DEMO_USERS.helpdesk, { claims: CP1_CLAIMS });
    await h.control("POST", "clock", { advanceSeconds: 60 });
    await h.control("POST", "critical-event", { upn: DEMO_USERS.helpdesk });
    await h.control("POST", "clock", { advanceSeconds: 1 });
    const refresh = (claims?: string) =>
      h.token({ grant_type: "refresh_token", client_id: TEST_APP.clientId, client_secret: TEST_APP.clientSecret, refresh_token: refresh_token!, scope: LOGIN_SCOPE, claims });
    const plain = (await refresh()).json();
    expect(decodeJwt(plain.access_token)).not.toHaveProperty("xms_cc");
    const renewed = (await refresh(CP1_CLAIMS)).json();
    expect(decodeJwt(renewed.access_token).xms_cc).toEqual(["CP1"]);
    expect((await h.invoke(renewed.access_token, "Get-Mailbox", { Identity: "adele.vance" })).status).toBe(200);
  });
});
