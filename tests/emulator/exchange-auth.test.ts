import { generateKeyPair, SignJWT, decodeJwt } from "jose";
import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness, type Harness } from "./test-support/harness";

const h = useHarness();

function expectRefused(res: Awaited<ReturnType<Harness["invoke"]>>, diagnostics: RegExp): void {
  expect(res.status).toBe(401);
  expect(res.body.length).toBe(0);
  expect(res.header("www-authenticate")).toMatch(/^Bearer client_id="00000002-0000-0ff1-ce00-000000000000", .*error="invalid_token"$/);
  expect(res.header("x-ms-diagnostics")).toMatch(diagnostics);
}

describe("bearer token validation at InvokeCommand", () => {
  test("a valid token works, with request-id, echoed client-request-id and Rate-Limit headers", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const res = await h.invoke(token, "Get-Mailbox", { Identity: "adele.vance" }, { headers: { "client-request-id": "0f0e0d0c-0b0a-4909-8807-060504030201" } });
    expect(res.status).toBe(200);
    expect(res.header("request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.header("client-request-id")).toBe("0f0e0d0c-0b0a-4909-8807-060504030201");
    expect(res.header("rate-limit-limit")).toBe("30000");
    expect(Number(res.header("rate-limit-remaining"))).toBeLessThan(30000);
    expect(res.header("rate-limit-reset")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  test("no token: 401 without an error in WWW-Authenticate", async () => {
    const res = await h.invoke(undefined, "Get-Mailbox");
    expect(res.status).toBe(401);
    expect(res.header("www-authenticate")).not.toContain("error=");
    expect(res.header("x-ms-diagnostics")).toMatch(/^2000000;reason="/);
  });

  test("a token signed by another key is refused (invalid signature)", async () => {
    const genuine = decodeJwt(await h.accessToken(DEMO_USERS.helpdesk));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(genuine).setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "forged" }).sign(privateKey);
    expectRefused(await h.invoke(forged, "Get-Mailbox"), /^2000000;reason="The token has an invalid signature\.";error_category="invalid_signature"$/);
    const real = await h.accessToken(DEMO_USERS.helpdesk);
    const [header, , signature] = real.split(".");
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...genuine, upn: DEMO_USERS.admin })).toString("base64url")}.${signature}`;
    expectRefused(await h.invoke(tampered, "Get-Mailbox"), /invalid_signature/);
    expectRefused(await h.invoke("not.a.jwt", "Get-Mailbox"), /^2000001;reason="OAuth token submitted with the request cannot be parsed\."/);
  });

  test("a token for another audience is refused (Graph token, ID token)", async () => {
    const tokens = await h.tokensFor(DEMO_USERS.helpdesk, "openid profile offline_access");
    expectRefused(await h.invoke(tokens.access_token, "Get-Mailbox"), /^2000003;reason="The audience claim value is invalid '00000003-0000-0000-c000-000000000000'\.";error_category="invalid_resource"$/);
    expectRefused(await h.invoke(tokens.id_token, "Get-Mailbox"), /^2000003;/);
  });

  test("an expired token is refused; within the few seconds of leeway it is still accepted", async () => {
    await h.control("POST", "token-lifetime", { seconds: 60 });
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    await h.control("POST", "clock", { advanceSeconds: 62 });
    expect((await h.invoke(token, "Get-Mailbox", { Identity: "adele.vance" })).status).toBe(200);
    await h.control("POST", "clock", { advanceSeconds: 5 });
    expectRefused(await h.invoke(token, "Get-Mailbox"), /^2000008;reason="The token has expired\.";error_category="invalid_token"$/);
  });

  test("a token without the Exchange.Manage scope is refused", async () => {
    const tokens = await h.tokensFor(DEMO_USERS.helpdesk, "openid offline_access https://outlook.office365.com/EWS.AccessAsUser.All");
    expect(decodeJwt(tokens.access_token).scp).toBe("EWS.AccessAsUser.All");
    expectRefused(await h.invoke(tokens.access_token, "Get-Mailbox"), /^2008004;reason="The token contains not enough scope to make this call\."/);
  });

  test("the tenant in the URL must be the token's tenant (GUID or domain)", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    expect((await h.invoke(token, "Get-Mailbox", { Identity: "adele.vance" }, { tenant: "contoso.onmicrosoft.com" })).status).toBe(200);
    expectRefused(await h.invoke(token, "Get-Mailbox", {}, { tenant: "11111111-1111-4111-8111-111111111111" }), /^2000012;/);
  });

  test("only beta accepts InvokeCommand: v1.0 answers 405", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    expect((await h.invoke(token, "Get-Mailbox", {}, { version: "v1.0" })).status).toBe(405);
    const get = await h.request(`/adminapi/beta/${h.em.tenantId}/InvokeCommand`, { headers: { Authorization: `Bearer ${token}` } });
    expect(get.status).toBe(405);
  });

  test("calls that pass authentication are logged; refused ones are not", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    await h.invoke(undefined, "Get-Mailbox");
    await h.invoke(token, "Get-Mailbox", { Identity: "megan.bowen" }, { headers: { "client-request-id": "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "X-AnchorMailbox": `UPN:${DEMO_USERS.helpdesk}` } });
    const { calls } = await h.control("GET", "calls");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      upn: DEMO_USERS.helpdesk,
      cmdlet: "Get-Mailbox",
      parameters: { Identity: "megan.bowen" },
      clientRequestId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      anchorMailbox: `UPN:${DEMO_USERS.helpdesk}`,
      status: 200,
      fault: null,
    });
    expect(calls[0].time).toMatch(/Z$/);
    await h.control("DELETE", "calls");
    expect((await h.control("GET", "calls")).calls).toEqual([]);
  });
});
