import { beforeEach, describe, expect, it, vi } from "vitest";
import { ExchangeError } from "@/lib/exchange/errors";

// Issue 14 point 2: an invalid or expired token gets one silent renewal and one resend; a role
// refusal gets neither (renewing gives the same roles).
const getExchangeToken = vi.fn();
const invokeCommand = vi.fn();
vi.mock("@/lib/auth/tokens", () => ({ getExchangeToken: (...args: unknown[]) => getExchangeToken(...args) }));
vi.mock("@/lib/exchange/client", () => ({ invokeCommand: (...args: unknown[]) => invokeCommand(...args) }));
vi.mock("@/lib/env", () => ({ getEnv: () => ({ EXCHANGE_BASE_URL: "https://outlook.office365.com" }) }));

const { createExchangeForUser } = await import("./exchange-for-user");
const user = { oid: "oid", tid: "tid", upn: "helpdesk@contoso.onmicrosoft.com", name: "Helpdesk", roles: ["ExoDesk.Helpdesk" as const] };
const expired = () => new ExchangeError("unauthorized", "Exchange did not accept your sign-in (it may have expired or been revoked). Sign in again, then retry.", { status: 401 });
const tokens = () => invokeCommand.mock.calls.map(([call]) => (call as { accessToken: string }).accessToken);

beforeEach(() => {
  getExchangeToken.mockReset();
  invokeCommand.mockReset();
  let n = 0;
  getExchangeToken.mockImplementation(async () => ({ accessToken: `token-${++n}`, expiresOn: null }));
});

describe("Exchange as the signed-in person", () => {
  it("renews the token once on a plain 401 and sends the call again", async () => {
    invokeCommand.mockRejectedValueOnce(expired()).mockResolvedValueOnce({ value: [], warnings: [], clientRequestId: "c" });
    const ex = await createExchangeForUser(user);
    await expect(ex.invoke("Get-Mailbox", { Identity: "megan" })).resolves.toMatchObject({ value: [] });
    expect(getExchangeToken.mock.calls[1]?.[1]).toMatchObject({ forceRefresh: true });
    expect(tokens()).toEqual(["token-1", "token-2"]);
  });

  it("passes a second 401 on, which tells the person to sign in again", async () => {
    invokeCommand.mockRejectedValue(expired());
    const ex = await createExchangeForUser(user);
    await expect(ex.invoke("Get-Mailbox", {})).rejects.toMatchObject({ kind: "unauthorized", message: expect.stringMatching(/Sign in again/) });
    expect(invokeCommand).toHaveBeenCalledTimes(2);
    expect(getExchangeToken).toHaveBeenCalledTimes(2);
  });

  it("passes a claims challenge to the renewal", async () => {
    const challenged = new ExchangeError("unauthorized", "x", { status: 401, claimsChallenge: '{"access_token":{}}' });
    invokeCommand.mockRejectedValueOnce(challenged).mockResolvedValueOnce({ value: [], warnings: [], clientRequestId: "c" });
    await (await createExchangeForUser(user)).invoke("Get-Mailbox", {});
    expect(getExchangeToken.mock.calls[1]?.[1]).toEqual({ claims: '{"access_token":{}}', forceRefresh: true });
  });

  it("does not renew or resend on a role refusal, even one that came as a 401", async () => {
    invokeCommand.mockRejectedValue(new ExchangeError("rbac_denied", "Your Exchange roles do not allow …", { status: 401 }));
    const ex = await createExchangeForUser(user);
    await expect(ex.invoke("Get-RecipientPermission", {})).rejects.toMatchObject({ kind: "rbac_denied" });
    expect(invokeCommand).toHaveBeenCalledTimes(1);
    expect(getExchangeToken).toHaveBeenCalledTimes(1);
  });
});
