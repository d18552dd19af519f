import type { TExchange } from "@/lib/exchange/create-exchange";
import type { TRetryEvent } from "@/lib/exchange/retry";
import type { TClock } from "@/lib/time/clock";
import type { Harness } from "../../emulator/test-support/harness";
import { emulatorExchange } from "../support/emulator-exchange";

export type TRetryCounts = { throttled: number; transient: number };

// Exchange as one demo user, counting the client's own retries, which wait on `clock`.
export function chaosExchangeAs(h: Harness, upn: string, retries: TRetryCounts, clock: TClock): Promise<TExchange> {
  const onRetry = (e: TRetryEvent) => {
    retries[e.reason]++;
  };
  // No throttle gate: chaos draws each 429 at random rather than from a per-person budget,
  // so pacing the person's calls one at a time after a 429 (right for Exchange's budget,
  // lib/exchange/throttle-gate.ts, proven by the bulk tests and benchmark) would only turn
  // this 2,000-operation run into a serial one. Every retry rule still applies.
  return emulatorExchange(h, upn, { clock, retry: { onRetry, gate: undefined } });
}
