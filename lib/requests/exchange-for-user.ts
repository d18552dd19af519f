import "server-only";
import { getExchangeToken } from "@/lib/auth/tokens";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/cmdlets/types";
import { getEnv } from "@/lib/env";
import { invokeCommand } from "@/lib/exchange/client";
import { ExchangeError } from "@/lib/exchange/errors";

// Exchange as this person: their own delegated token, their UPN as the anchor mailbox.
// Fetching the token first means a sign-in problem surfaces before anything is written.
// When Exchange answers 401 (an expired or revoked token; with a claims challenge after a
// continuous access evaluation event), the token is renewed once, with those claims if any,
// and the call is sent once more; a 401 was never run. A second 401 is passed on: it tells
// the person to sign in again.
// A missing Exchange role is no 401 here (errors.ts: rbac_denied): renewing cannot help it.
export async function createExchangeForUser(user: TSessionUser): Promise<TExchange> {
  let { accessToken } = await getExchangeToken(user);
  const baseUrl = getEnv().EXCHANGE_BASE_URL;
  const send = (cmdlet: string, parameters: Record<string, unknown>, options?: Parameters<TExchange["invoke"]>[2]) =>
    invokeCommand({ baseUrl, tenantId: user.tid, accessToken, anchorUpn: user.upn, cmdlet, parameters, ...options });
  return {
    async invoke(cmdlet, parameters, options) {
      try {
        return await send(cmdlet, parameters, options);
      } catch (e) {
        if (!(e instanceof ExchangeError && e.kind === "unauthorized")) throw e;
        ({ accessToken } = await getExchangeToken(user, { claims: e.claimsChallenge, forceRefresh: true }));
        return await send(cmdlet, parameters, options);
      }
    },
  };
}
