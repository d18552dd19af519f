import { realClock, type TClock } from "../time/clock";

// Exchange throttles each person: past their budget, a call gets 429 with Retry-After, the
// time until the budget admits the next one. When several calls of one person are in flight
// (a bulk run's workers, a report's readers), each collecting its own 429s burns their retries,
// and when they all wake at the same instant only one is admitted. So once a person is
// throttled, their calls are paced: the next starts when the one before has ended, or once the
// last Retry-After has passed since the one before started, whichever comes first, and never
// before the time Exchange named. Calls quicker than Exchange's pace thus go one at a time, using
// every refill of the budget as soon as it exists; calls slower than it (a real call takes most of
// a second) start one Retry-After apart instead of waiting for each other's answers, which would
// use a fraction of the budget. After a quiet spell without 429s, calls run side by side again.
const QUIET_MS = 2_000;

export class ThrottleGate {
  private openAt = 0;
  private lastThrottledAt = Number.NEGATIVE_INFINITY;
  private paceMs = 0; // the last Retry-After
  private lastStartAt = Number.NEGATIVE_INFINITY;
  private inFlight = 0;
  private waiting: (() => void)[] = [];

  constructor(private readonly clock: TClock) {}

  private throttledRecently(now: number): boolean {
    return now - this.lastThrottledAt < QUIET_MS;
  }

  // How long a call starting now would wait at the gate.
  delayMs(): number {
    const now = this.clock.now();
    return this.throttledRecently(now) ? Math.max(0, this.openAt - now) : 0;
  }

  // Runs one call (with its retries) through the gate. While the person is throttled, a call
  // starts only when none of theirs is in flight or the pace has passed since the last one
  // started, and not before Exchange's time.
  async pass<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    for (;;) {
      const now = this.clock.now();
      const paceAt = this.lastStartAt + this.paceMs;
      if (!this.throttledRecently(now) || this.inFlight === 0 || now >= paceAt) break;
      await this.nextChance(paceAt - now);
    }
    this.inFlight++;
    // Not before Exchange's time, nor before a refused call's turn to retry (and then one pace on).
    const now = this.clock.now();
    const start = this.throttledRecently(now) ? Math.max(now, this.openAt, this.lastStartAt > now ? this.lastStartAt + this.paceMs : now) : now;
    this.lastStartAt = start;
    try {
      if (start > now) await this.clock.sleep(start - now, signal);
      return await call();
    } finally {
      this.inFlight--;
      // With none of the person's calls left, a turn reserved for a retry nobody will send (the
      // call was cancelled) holds nobody back.
      if (this.inFlight === 0) this.lastStartAt = Math.min(this.lastStartAt, this.clock.now());
      // Every waiter looks again; the first to find its turn takes it.
      const waiting = this.waiting;
      this.waiting = [];
      for (const wake of waiting) wake();
    }
  }

  // Until a call ends or `ms` pass, whichever comes first.
  private async nextChance(ms: number): Promise<void> {
    const stop = new AbortController();
    await Promise.race([new Promise<void>((resolve) => this.waiting.push(resolve)), this.clock.sleep(ms, stop.signal).catch(() => undefined)]);
    stop.abort();
  }

  // Exchange refused a call of this person: nothing more of theirs before `retryAfterMs` from
  // now. Returns how long that call waits before it is sent again: its turn among the person's
  // paced calls, so the retries of calls refused together are not sent together (and refused
  // together again, until they run out of retries). A refusal without Retry-After (the wait is
  // the caller's own jittered backoff) says nothing of Exchange's pace: it only pauses.
  throttled(retryAfterMs: number, named = true): number {
    const now = this.clock.now();
    if (!named) {
      this.lastThrottledAt = now;
      this.openAt = Math.max(this.openAt, now + retryAfterMs);
      return retryAfterMs;
    }
    // The pace is the longest Retry-After of this spell of throttling: a Retry-After says when
    // the next call is admitted, which just before a refill is almost at once, while the pace
    // must be the time between refills.
    this.paceMs = this.throttledRecently(now) ? Math.max(this.paceMs, retryAfterMs) : retryAfterMs;
    this.lastThrottledAt = now;
    this.openAt = Math.max(this.openAt, now + retryAfterMs);
    // A refusal outside any call in flight here has no retry to give a turn to.
    if (this.inFlight === 0) return retryAfterMs;
    const turn = Math.max(now + retryAfterMs, this.lastStartAt + this.paceMs);
    this.lastStartAt = turn;
    return turn - now;
  }
}

// One gate per person per tenant, for this process and clock: a test's virtual time must not
// pause the person's real calls. The real clock's gates are kept on globalThis because Next.js
// may evaluate this module more than once.
const realGates: Map<string, ThrottleGate> = ((globalThis as { __exodeskThrottleGates?: Map<string, ThrottleGate> }).__exodeskThrottleGates ??= new Map());
const otherGates = new WeakMap<TClock, Map<string, ThrottleGate>>();

export function throttleGateFor(key: string, clock: TClock): ThrottleGate {
  const gates = clock === realClock ? realGates : otherGates.get(clock) ?? otherGates.set(clock, new Map()).get(clock)!;
  let gate = gates.get(key);
  if (!gate) {
    if (gates.size > 10_000) gates.clear(); // people come and go; a gate is only useful while they are busy
    gate = new ThrottleGate(clock);
    gates.set(key, gate);
  }
  return gate;
}
