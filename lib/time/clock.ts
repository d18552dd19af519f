// Time as a dependency. Code that waits takes a TClock: production passes realClock, and tests
// about logic pass a virtual clock (tests/support/virtual-clock.ts) that moves instead of
// waiting. Two kinds of waiting, because a virtual clock must tell them apart:
// - sleep: the caller has nothing to do until then (a backoff, Retry-After). On a virtual clock
//   the sleep itself moves time on.
// - timeout: a deadline for work that goes on meanwhile (waiting for a free slot). It never
//   moves a virtual clock; it fires when time passes it for some other reason.
export type TClock = {
  now(): number; // milliseconds since the epoch
  // Resolves once `ms` have passed; rejects with the signal's reason if it aborts first.
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  // `signal` aborts (a "TimeoutError" DOMException) once `ms` have passed, unless cleared first.
  timeout(ms: number): TTimeout;
};

export type TTimeout = { signal: AbortSignal; clear(): void };

// Longer delays make Node fire a timer at once.
const MAX_TIMER_MS = 2_147_483_647;

export const realClock: TClock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, toTimerMs(ms));
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  },
  timeout(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timedOut()), toTimerMs(ms));
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  },
};

export function timedOut(): DOMException {
  return new DOMException("The operation timed out.", "TimeoutError");
}

function toTimerMs(ms: number): number {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}
