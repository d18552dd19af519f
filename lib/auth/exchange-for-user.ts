import "server-only";
import { getEnv } from "@/lib/env/settings";
import { createExchange, type TExchange } from "@/lib/exchange/create-exchange";
import { realClock } from "@/lib/time/clock";
import type { TSessionUser } from "./session-user";
import { getExchangeToken } from "./tokens";

// Exchange as this person: their own delegated token from the MSAL cache, their UPN as the
// anchor mailbox. A renewal after a 401 is forced past the cache and carries Exchange's claims
// challenge, if any (lib/exchange/create-exchange.ts says when that happens).
export function createExchangeForUser(user: TSessionUser): Promise<TExchange> {
  return createExchange({
    baseUrl: getEnv().EXCHANGE_BASE_URL,
    tenantId: user.tid,
    anchorUpn: user.upn,
    clock: realClock,
    getToken: async (renew) => (await getExchangeToken(user, renew && { claims: renew.claims, forceRefresh: true })).accessToken,
  });
}
