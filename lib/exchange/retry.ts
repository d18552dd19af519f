import { realClock, type TClock } from "../time/clock";
import { ExchangeError } from "./errors";
import { classifyRepeatSafety, wasCancelled, wasNeverSent, type TRepeatSafety } from "./repeat-safety";
import type { ThrottleGate } from "./throttle-gate";

// The retry policy around one page request (transport.ts's requestPage, behind the per-tenant
// slot of concurrency.ts).
//
//   error kind                         Get-*    idempotent write   unsafe write (repeat-safety.ts)
//   throttled (429, "too many          retry    retry              retry       Exchange did not run it
//     concurrent requests")
//   transient, never sent              retry    retry              retry       connection refused, DNS
//   transient, may have been sent      retry    retry              no          502/503/504, transient
//     (5xx, timeout, reset)                                                     exceptions, our timeout
//   transient, cancelled by caller     no       no                 no
//   any other kind (not_found, invalid_input, already_exists, entry_missing, rbac_denied,
//     out_of_scope, unauthorized, unreadable, unknown)                 no       a repeat gets the same answer,
//                                                                              or the outcome is unclear
//
// Waits, on the call's clock (lib/time/clock.ts): Retry-After when Exchange sends one (exactly
// that), otherwise exponential backoff with full jitter (random between 0 and min(8 s, 500 ms ×
// 2^retry)). At most `maxRetries` retries (5, as the ExchangeOnlineManagement module does) and
// never a wait that would end past the time budget (30 s from the page's first attempt, so a
// long paged read keeps its retries for later pages): then the last error is thrown, saying how
// long ExoDesk tried.
//
// One more rule for writes: once an attempt may have reached Exchange, a later answer that
// would read as "not applied" (a 429, not found, …) no longer proves anything, because the
// earlier attempt may have applied the change. The call then fails as transient ("may or may
// not have been applied"), which callers reconcile by reading the mailbox back.
//
// Why this loop and not cockatiel or p-retry (judged for issue 16): the loop itself is about
// 40 lines; what surrounds it (the table above, repeat-safety.ts, the messages, the throttle
// gate, the slot-wait budget) is ExoDesk's policy and would stay with either library. Neither
// keeps the rules that matter here:
// - Time: both sleep with the global setTimeout (cockatiel's RetryPolicy, p-retry's delay) and
//   take no clock, so the tests that drive retries, the gate and the budget on one TClock
//   (tests/support/virtual-clock.ts) would need fake timers, which also stop the real HTTP
//   servers' timers those tests talk to.
// - Retry-After: p-retry's waits come from its own factor and timeouts, never from the error;
//   cockatiel can read the error in a custom backoff, but the budget check (no wait past the
//   deadline) and gate.throttled(wait) must see that wait before it is scheduled.
// - Ambiguous writes: the "may have been applied" verdict spans attempts and rewrites the
//   error thrown at the end, so it would wrap the library call rather than use it.
// Revisit if a library takes an injected clock and a per-error delay.

export type TRetryEvent = {
  cmdlet: string;
  attempt: number; // the attempt about to start: 2 for the first retry
  waitMs: number;
  reason: "throttled" | "transient";
  error: ExchangeError;
  clientRequestId: string;
};

export type TRetryOptions = {
  budgetMs?: number; // default 30 s
  maxRetries?: number; // default 5
  baseDelayMs?: number; // default 500 ms
  maxDelayMs?: number; // default 8 s
  onRetry?: (event: TRetryEvent) => void; // metrics, or "Exchange is busy, retrying…"
  gate?: ThrottleGate; // the caller's person: once throttled, their calls wait their turn (throttle-gate.ts); the client gives every call one unless it says `gate: undefined`
  random?: () => number; // the jitter's draw in [0, 1); default Math.random
};

export const DEFAULT_RETRY_BUDGET_MS = 30_000;
const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_BASE_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 8_000;
const QUEUE_TIMEOUT = "waited for a free slot until the time budget ended";

export type TRetryCall<T> = {
  cmdlet: string;
  parameters: Record<string, unknown>;
  clientRequestId: string;
  signal?: AbortSignal; // the caller's: aborts waiting and the attempt in flight
  clock?: TClock; // every wait and the budget run on it (the gate's must be the same); default the real one
  options?: TRetryOptions;
  // One attempt. `queueSignal` aborts when the budget ends or the caller cancels: it is for
  // waiting on a free slot only, never for the request itself (cutting a write short would
  // leave its outcome unclear).
  send(queueSignal: AbortSignal): Promise<T>;
};

export async function sendWithRetry<T>(call: TRetryCall<T>): Promise<T> {
  const gate = call.options?.gate;
  if (!gate) return await retrying(call);
  // Exchange has asked to pause this person's calls for longer than this call may wait:
  // say so at once rather than send something certain to be refused.
  const paused = gate.delayMs();
  if (paused > nonNegative(call.options?.budgetMs, DEFAULT_RETRY_BUDGET_MS)) {
    throw new ExchangeError("throttled", `Exchange has asked ExoDesk to pause your calls for ${formatSeconds(paused)}. Nothing was sent; try again after that.`, {
      clientRequestId: call.clientRequestId,
      retryAfterSeconds: paused / 1000,
    });
  }
  // Once the person is throttled, a call keeps its turn through its own retries, so no call
  // is pushed back behind the others again and again until it runs out of retries.
  return await gate.pass(() => retrying(call), call.signal);
}

async function retrying<T>(call: TRetryCall<T>): Promise<T> {
  const options = call.options ?? {};
  const clock = call.clock ?? realClock;
  const maxRetries = nonNegative(options.maxRetries, DEFAULT_MAX_RETRIES);
  const safety = classifyRepeatSafety(call.cmdlet, call.parameters);
  const startedAt = clock.now();
  const deadline = startedAt + nonNegative(options.budgetMs, DEFAULT_RETRY_BUDGET_MS);
  let ambiguous: ExchangeError | undefined;

  for (let attempt = 1; ; attempt += 1) {
    let error: ExchangeError;
    try {
      return await sendOnce(call, clock, deadline);
    } catch (caught) {
      if (!(caught instanceof ExchangeError)) throw caught;
      error = caught;
    }
    if (safety !== "read" && mayHaveRun(error)) ambiguous ??= error;

    const reason = retryReason(error, safety);
    const waitMs = reason ? chooseWait(error, attempt, options) : 0;
    const elapsedMs = clock.now() - startedAt;
    if (!reason || attempt > maxRetries || clock.now() + waitMs > deadline) {
      // A first answer is passed on as it is: its own message already says when to try again.
      const final = reason && attempt > 1 ? describeGivingUp(error, attempt, elapsedMs) : error;
      throw ambiguous && ambiguous !== error ? describeUnclear(ambiguous, final) : final;
    }

    // The person's other calls wait as this one does, and this one waits its turn among them; a
    // wait longer than the budget is this call's failure only, so it never stalls the pages the
    // person opens next.
    const turnMs = reason === "throttled" && options.gate ? options.gate.throttled(waitMs, error.retryAfterSeconds !== undefined) : waitMs;
    notify(options.onRetry, { cmdlet: call.cmdlet, attempt: attempt + 1, waitMs: turnMs, reason, error, clientRequestId: call.clientRequestId });
    try {
      await clock.sleep(turnMs, call.signal);
    } catch (cause) {
      throw describeCancelled(call.clientRequestId, cause); // transient: callers reconcile a write
    }
  }
}

// The wait for a free slot ends with the budget: a timeout on the call's clock, which a slot
// freed by another request's end (real I/O) usually beats.
async function sendOnce<T>(call: TRetryCall<T>, clock: TClock, deadline: number): Promise<T> {
  if (call.signal?.aborted) throw describeCancelled(call.clientRequestId, call.signal.reason);
  const queue = new AbortController();
  const forward = () => queue.abort(call.signal?.reason);
  call.signal?.addEventListener("abort", forward, { once: true });
  const budget = clock.timeout(deadline - clock.now());
  budget.signal.addEventListener("abort", () => queue.abort(QUEUE_TIMEOUT), { once: true });
  try {
    return await call.send(queue.signal);
  } catch (error) {
    if (error instanceof ExchangeError || !queue.signal.aborted) throw error;
    if (call.signal?.aborted) throw describeCancelled(call.clientRequestId, error);
    throw new ExchangeError(
      "throttled",
      "ExoDesk is already running many Exchange calls for your organisation, and this one could not start in time. Nothing was sent to Exchange; try again in a moment.",
      { clientRequestId: call.clientRequestId, diagnostics: QUEUE_TIMEOUT },
    );
  } finally {
    budget.clear();
    call.signal?.removeEventListener("abort", forward);
  }
}

function retryReason(error: ExchangeError, safety: TRepeatSafety): TRetryEvent["reason"] | null {
  if (error.diagnostics === QUEUE_TIMEOUT || wasCancelled(error)) return null;
  if (error.kind === "throttled") return "throttled";
  // A garbled answer to a read is asked again: nothing was changed by asking.
  if (error.kind === "unreadable" && safety === "read") return "transient";
  if (error.kind !== "transient") return null;
  return safety !== "unsafe-write" || wasNeverSent(error) ? "transient" : null;
}

// A write attempt whose failure leaves open whether Exchange ran it.
function mayHaveRun(error: ExchangeError): boolean {
  if (error.kind === "transient") return !wasNeverSent(error);
  return error.kind === "unreadable" || error.kind === "unknown";
}

function chooseWait(error: ExchangeError, attempt: number, options: TRetryOptions): number {
  if (error.retryAfterSeconds !== undefined) return Math.ceil(error.retryAfterSeconds * 1000);
  const base = nonNegative(options.baseDelayMs, DEFAULT_BASE_DELAY_MS);
  const cap = nonNegative(options.maxDelayMs, DEFAULT_MAX_DELAY_MS);
  const ceiling = Math.min(cap, base * 2 ** (attempt - 1));
  const draw = (options.random ?? Math.random)();
  return Math.floor(Math.min(Math.max(draw, 0), 0.999_999) * ceiling);
}

function describeGivingUp(last: ExchangeError, attempts: number, elapsedMs: number): ExchangeError {
  const timedOut = last.kind === "transient" && (last.diagnostics === "timeout" || last.status === 504);
  const what = last.kind === "throttled" ? "Exchange is busy (throttled)." : timedOut ? "Exchange did not answer in time." : "Exchange is temporarily unavailable.";
  const next = timedOut
    ? "If this was a change, it may or may not have been applied: check the current state before trying again."
    : last.retryAfterSeconds !== undefined
      ? `Try again in ${formatSeconds(last.retryAfterSeconds * 1000)}.`
      : last.kind === "throttled"
        ? "Try again in a minute."
        : "Try again in a moment.";
  return copyWith(last, last.kind, `${what} ExoDesk tried ${attempts} times over ${formatSeconds(elapsedMs)}. ${next}`, last);
}

// Answers that callers read as "Exchange refused, nothing changed".
const REFUSALS = new Set<ExchangeError["kind"]>(["throttled", "not_found", "invalid_input", "rbac_denied", "out_of_scope", "unauthorized"]);

// An earlier attempt of this write may have been applied, so a later refusal proves nothing.
function describeUnclear(ambiguous: ExchangeError, last: ExchangeError): ExchangeError {
  if (!REFUSALS.has(last.kind)) return last;
  const message = `Exchange did not answer the change clearly, and ExoDesk's next try was refused (${last.message.replace(/\.$/, "")}). The change may or may not have been applied: check the current state before trying again.`;
  return copyWith(ambiguous, "transient", message, last);
}

function describeCancelled(clientRequestId: string, cause: unknown): ExchangeError {
  return new ExchangeError("transient", "The request to Exchange was cancelled before it finished.", {
    clientRequestId,
    diagnostics: "cancelled by caller",
    cause,
  });
}

function copyWith(source: ExchangeError, kind: ExchangeError["kind"], message: string, cause: ExchangeError): ExchangeError {
  return new ExchangeError(kind, message, {
    status: source.status,
    errorId: source.errorId,
    exceptionClass: source.exceptionClass,
    retryAfterSeconds: source.retryAfterSeconds,
    clientRequestId: source.clientRequestId,
    exchangeRequestId: source.exchangeRequestId,
    diagnostics: source.diagnostics,
    claimsChallenge: source.claimsChallenge,
    cause,
  });
}

function notify(onRetry: TRetryOptions["onRetry"], event: TRetryEvent): void {
  try {
    onRetry?.(event);
  } catch {
    // A failing metrics hook must not fail the Exchange call.
  }
}

function formatSeconds(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}
