import { beforeEach, describe, expect, it, vi } from "vitest";

// The person's own token: the cached one first, then after a 401 a renewal forced past the
// cache, with Exchange's claims challenge (the renewal rules: lib/exchange/create-exchange.test.ts).
const getExchangeToken = vi.fn();
vi.mock("@/lib/auth/tokens", () => ({ getExchangeToken: (...args: unknown[]) => getExchangeToken(...args) }));
vi.mock("@/lib/env/settings", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/env/settings")>()),
  getEnv: () => ({ EXCHANGE_BASE_URL: "https://outlook.office365.com" }),
}));

const { createExchangeForUser } = await import("./exchange-for-user");
const user = { oid: "oid", tid: "tid", upn: "helpdesk@contoso.onmicrosoft.com", name: "Helpdesk", roles: ["ExoDesk.Helpdesk" as const] };
const CLAIMS = '{"access_token":{}}';
const challenged = () =>
  new Response("", { status: 401, headers: { "www-authenticate": `Bearer realm="", error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString("base64")}"` } });
const ok = () => new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });

beforeEach(() => {
  getExchangeToken.mockReset();
  let n = 0;
  getExchangeToken.mockImplementation(async () => ({ accessToken: `token-${++n}`, expiresOn: null }));
});

describe("Exchange as the signed-in person", () => {
  it("sends the person's token to the configured Exchange as them, and answers a claims challenge with a forced renewal", async () => {
    const sent: { url: string; headers: Headers }[] = [];
    const replies = [challenged, ok];
    vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: String(input), headers: new Headers(init?.headers) });
      return replies.shift()!();
    });
    try {
      await (await createExchangeForUser(user)).invoke("Get-Mailbox", {});
    } finally {
      vi.unstubAllGlobals();
    }
    expect(getExchangeToken.mock.calls).toEqual([[user, undefined], [user, { claims: CLAIMS, forceRefresh: true }]]);
    expect(sent.map((s) => s.url)).toEqual(Array(2).fill("https://outlook.office365.com/adminapi/beta/tid/InvokeCommand"));
    expect(sent.map((s) => [s.headers.get("authorization"), s.headers.get("x-anchormailbox")])).toEqual([
      ["Bearer token-1", "UPN:helpdesk@contoso.onmicrosoft.com"],
      ["Bearer token-2", "UPN:helpdesk@contoso.onmicrosoft.com"],
    ]);
  });
});
