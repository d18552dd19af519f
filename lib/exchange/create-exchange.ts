import type { TClock } from "../time/clock";
import { invokeCommand, type ExchangeResult } from "./client";
import type { TenantLimiter } from "./concurrency";
import { ExchangeError } from "./errors";
import type { TRetryOptions } from "./retry";

// Exchange bound to one signed-in person's token. Only catalogue actions call it.
export type TExchange = {
  invoke(
    cmdlet: string,
    parameters: Record<string, unknown>,
    options?: { select?: string[]; clientRequestId?: string },
  ): Promise<ExchangeResult>;
};

// The person's access token for Exchange. Called once with no argument for the first token,
// then with `renew` after Exchange refused it: a new token is wanted, with the claims of
// Exchange's claims challenge if it sent one.
export type TTokenSource = (renew?: { claims?: string }) => Promise<string>;

export type TExchangeOptions = {
  baseUrl: string;
  tenantId: string;
  anchorUpn: string; // the person's UPN: the mailbox Exchange routes their calls by
  getToken: TTokenSource;
  clock: TClock; // what retries, the throttle gate and the wait for a slot wait on
  fetchImpl?: typeof fetch; // default the global fetch; tests pass one that trusts the emulator
  retry?: TRetryOptions; // default retry.ts's policy
  limiter?: TenantLimiter; // default the process's own
};

// The one way to build a TExchange, in production (lib/auth/exchange-for-user.ts) and in tests.
// The first token is fetched before anything else, so a sign-in problem surfaces before
// anything is written.
// When Exchange answers 401 (an expired or revoked token; with a claims challenge after a
// continuous access evaluation event), the token is renewed once, with those claims if any,
// and the call is sent once more; a 401 was never run. A second 401 is passed on: it tells
// the person to sign in again.
// A missing Exchange role is no 401 here (errors.ts: rbac_denied): renewing cannot help it.
export async function createExchange(options: TExchangeOptions): Promise<TExchange> {
  const { getToken, ...fixed } = options;
  let accessToken = await getToken();
  const send = (cmdlet: string, parameters: Record<string, unknown>, callOptions?: Parameters<TExchange["invoke"]>[2]) =>
    invokeCommand({ ...fixed, accessToken, cmdlet, parameters, ...callOptions });
  return {
    async invoke(cmdlet, parameters, callOptions) {
      try {
        return await send(cmdlet, parameters, callOptions);
      } catch (e) {
        if (!(e instanceof ExchangeError && e.kind === "unauthorized")) throw e;
        accessToken = await getToken({ claims: e.claimsChallenge });
        return await send(cmdlet, parameters, callOptions);
      }
    },
  };
}
