import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { createExchange, type TTokenSource } from "./create-exchange";

// Issue 14 point 2: an invalid or expired token gets one renewal and one resend; a role refusal
// gets neither (renewing gives the same roles).
const BASE = "https://outlook.office365.com";
const OK = () => new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });
const EXPIRED = () => new Response("", { status: 401, headers: { "www-authenticate": 'Bearer realm="", error="invalid_token"' } });
const CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
const CHALLENGED = () =>
  new Response("", { status: 401, headers: { "www-authenticate": `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString("base64")}"` } });
const NOT_ALLOWED = () =>
  new Response(JSON.stringify({ error: { code: "Unauthorized", message: "User is not allowed to call Get-RecipientPermission" } }), { status: 401, headers: { "content-type": "application/json" } });

// A token source handing out token-1, token-2, …, and an Exchange answering `replies` in turn.
async function setup(replies: (() => Response)[]) {
  const renewals: Parameters<TTokenSource>[0][] = [];
  const sentTokens: string[] = [];
  let issued = 0;
  const ex = await createExchange({
    baseUrl: BASE,
    tenantId: "tid",
    anchorUpn: "helpdesk@contoso.onmicrosoft.com",
    clock: new VirtualClock(),
    getToken: async (renew) => {
      if (renew) renewals.push(renew);
      return `token-${++issued}`;
    },
    fetchImpl: async (_input, init) => {
      sentTokens.push(new Headers(init?.headers).get("authorization") ?? "");
      const reply = replies.shift();
      if (!reply) throw new Error("the fake fetch ran out of replies");
      return reply();
    },
  });
  return { ex, renewals, sentTokens };
}

describe("createExchange: a token Exchange refuses", () => {
  it("is fetched before the first call, so a sign-in problem surfaces before anything is sent", async () => {
    const failing = createExchange({ baseUrl: BASE, tenantId: "tid", anchorUpn: "a@b.c", clock: new VirtualClock(), getToken: () => Promise.reject(new Error("sign in again")) });
    await expect(failing).rejects.toThrow("sign in again");
  });

  it("is renewed once on a plain 401, and the call sent again with the new token", async () => {
    const t = await setup([EXPIRED, OK]);
    await expect(t.ex.invoke("Get-Mailbox", { Identity: "megan" })).resolves.toMatchObject({ value: [] });
    expect(t.renewals).toEqual([{ claims: undefined }]);
    expect(t.sentTokens).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("is renewed with the claims of a claims challenge", async () => {
    const t = await setup([CHALLENGED, OK]);
    await t.ex.invoke("Get-Mailbox", {});
    expect(t.renewals).toEqual([{ claims: CLAIMS }]);
    expect(t.sentTokens).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  it("a second 401 is passed on, which tells the person to sign in again", async () => {
    const t = await setup([EXPIRED, EXPIRED, OK]);
    await expect(t.ex.invoke("Get-Mailbox", {})).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringMatching(/Sign in again/) });
    expect(t.sentTokens).toHaveLength(2);
    expect(t.renewals).toHaveLength(1);
  });

  it("keeps the renewed token for the calls after it", async () => {
    const t = await setup([EXPIRED, OK, OK]);
    await t.ex.invoke("Get-Mailbox", {});
    await t.ex.invoke("Get-Mailbox", {});
    expect(t.sentTokens).toEqual(["Bearer token-1", "Bearer token-2", "Bearer token-2"]);
  });

  it("a role refusal, even one that came as a 401, is neither renewed nor sent again", async () => {
    const t = await setup([NOT_ALLOWED, OK]);
    await expect(t.ex.invoke("Get-RecipientPermission", {})).rejects.toMatchObject({ kind: "rbac_denied" });
    expect(t.sentTokens).toHaveLength(1);
    expect(t.renewals).toEqual([]);
  });
});
