import "server-only";
import { getExchangeToken } from "@/lib/auth/tokens";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/cmdlets/types";
import { getEnv } from "@/lib/env";
import { invokeCommand } from "@/lib/exchange/client";

// Exchange as this person: their own delegated token, their UPN as the anchor mailbox.
// Fetching the token first means a sign-in problem surfaces before anything is written.
export async function createExchangeForUser(user: TSessionUser): Promise<TExchange> {
  const { accessToken } = await getExchangeToken(user);
  const baseUrl = getEnv().EXCHANGE_BASE_URL;
  return {
    invoke: (cmdlet, parameters, options) =>
      invokeCommand({ baseUrl, tenantId: user.tid, accessToken, anchorUpn: user.upn, cmdlet, parameters, ...options }),
  };
}
