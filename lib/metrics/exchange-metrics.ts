import { ExchangeError } from "../exchange/errors";
import type { TRetryEvent } from "../exchange/retry";
import { getMetricsRegistry } from "./registry";

// What lib/exchange/client.ts records about each InvokeCommand call. Cmdlet labels come from
// the catalogue's allowlist (client.ts checks the name first), so their number stays small.

// From a fast read (tens of ms) to a long paged one; the per-attempt timeout is 60 s.
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const registry = getMetricsRegistry();

const attemptDuration = registry.histogram(
  "exodesk_exchange_call_duration_seconds",
  "Duration of each HTTP request to Exchange's InvokeCommand (one page, one attempt: a retried or paged call counts once per request), excluding waits for a per-tenant slot and between retries. outcome is ok or the ExchangeError kind. Per instance.",
  ["cmdlet", "outcome"],
  LATENCY_BUCKETS,
);

const failedCalls = registry.counter(
  "exodesk_exchange_errors_total",
  "Exchange calls (all pages and retries of one cmdlet call) that failed, by the kind of the error the caller got. Per instance.",
  ["kind"],
);

const throttledAnswers = registry.counter(
  "exodesk_exchange_throttled_responses_total",
  "HTTP requests Exchange answered with throttling (429 or too many concurrent requests). Per instance.",
  ["cmdlet"],
);

const retries = registry.counter(
  "exodesk_exchange_retries_total",
  "Retries of an HTTP request to Exchange after a throttled or transient failure, counted when scheduled. Per instance.",
  ["cmdlet", "reason"],
);

const throttleWait = registry.counter(
  "exodesk_exchange_throttle_wait_seconds_total",
  "Time scheduled to wait before retrying throttled requests (Retry-After, or backoff when Exchange sent none). Per instance.",
  [],
);

const queueWait = registry.counter(
  "exodesk_exchange_queue_wait_seconds_total",
  "Time requests waited for a free slot under the per-tenant cap on Exchange requests in flight (EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT). Per instance.",
  [],
);

// Around one HTTP request (transport.ts's requestPage), after its slot was granted.
export async function timeAttempt<T>(cmdlet: string, attempt: () => Promise<T>): Promise<T> {
  const started = performance.now();
  let outcome = "ok";
  try {
    return await attempt();
  } catch (error) {
    outcome = error instanceof ExchangeError ? error.kind : "unknown";
    if (outcome === "throttled") throttledAnswers.inc({ cmdlet });
    throw error;
  } finally {
    attemptDuration.observe({ cmdlet, outcome }, (performance.now() - started) / 1000);
  }
}

// Around waiting for a per-tenant slot (concurrency.ts), whether it is granted or given up.
export async function timeQueueWait<T>(wait: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await wait();
  } finally {
    queueWait.inc({}, (performance.now() - started) / 1000);
  }
}

// retry.ts's onRetry hook: called just before each wait.
export function countRetry(event: TRetryEvent): void {
  retries.inc({ cmdlet: event.cmdlet, reason: event.reason });
  if (event.reason === "throttled") throttleWait.inc({}, event.waitMs / 1000);
}

export function countFailedCall(error: ExchangeError): void {
  failedCalls.inc({ kind: error.kind });
}
