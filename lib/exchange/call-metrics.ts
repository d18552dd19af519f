import type { Counter } from "prom-client";
import { ExchangeError } from "./errors";
import type { TRetryEvent } from "./retry";
import { declareCounter, declareHistogram } from "@/lib/metrics/registry";

// What lib/exchange/client.ts records about each InvokeCommand call. Cmdlet labels come from
// the catalogue's allowlist (client.ts checks the name first), so their number stays small.
// Recording never throws: these measure Exchange calls and must not be the reason one fails.

// From a fast read (tens of ms) to a long paged one; the per-attempt timeout is 60 s.
const LATENCY_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const attemptDuration = declareHistogram({
  name: "exodesk_exchange_call_duration_seconds",
  help: "Duration of each HTTP request to Exchange's InvokeCommand (one page, one attempt: a retried or paged call counts once per request), excluding waits for a per-tenant slot and between retries. outcome is ok or the ExchangeError kind. Per instance.",
  labelNames: ["cmdlet", "outcome"],
  buckets: LATENCY_BUCKETS,
});

const failedCalls = declareCounter({
  name: "exodesk_exchange_errors_total",
  help: "Exchange calls (all pages and retries of one cmdlet call) that failed, by the kind of the error the caller got. Per instance.",
  labelNames: ["kind"],
});

const throttledAnswers = declareCounter({
  name: "exodesk_exchange_throttled_responses_total",
  help: "HTTP requests Exchange answered with throttling (429 or too many concurrent requests). Per instance.",
  labelNames: ["cmdlet"],
});

const retries = declareCounter({
  name: "exodesk_exchange_retries_total",
  help: "Retries of an HTTP request to Exchange after a throttled or transient failure, counted when scheduled. Per instance.",
  labelNames: ["cmdlet", "reason"],
});

const throttleWait = declareCounter({
  name: "exodesk_exchange_throttle_wait_seconds_total",
  help: "Time scheduled to wait before retrying throttled requests (Retry-After, or backoff when Exchange sent none). Per instance.",
});

const queueWait = declareCounter({
  name: "exodesk_exchange_queue_wait_seconds_total",
  help: "Time requests waited for a free slot under the per-tenant cap on Exchange requests in flight (EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT). Per instance.",
});

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
    addSeconds(queueWait, (performance.now() - started) / 1000);
  }
}

// retry.ts's onRetry hook: called just before each wait.
export function countRetry(event: TRetryEvent): void {
  retries.inc({ cmdlet: event.cmdlet, reason: event.reason });
  if (event.reason === "throttled") addSeconds(throttleWait, event.waitMs / 1000);
}

export function countFailedCall(error: ExchangeError): void {
  failedCalls.inc({ kind: error.kind });
}

// prom-client throws on a negative amount and would keep a NaN for good: such an amount is
// dropped, so a metric neither fails the call it measures nor stops counting.
function addSeconds(counter: Counter, seconds: number): void {
  if (Number.isFinite(seconds) && seconds >= 0) counter.inc(seconds);
}
