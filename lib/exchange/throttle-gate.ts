import { realClock, type TClock } from "../time/clock";

// Exchange throttles each person: past their budget, a call gets 429 with Retry-After, the
// time until the budget admits the next one. When several calls of one person are in flight
// (a bulk run's workers), each collecting its own 429s burns their retries, and when they all
// wake at the same instant only one is admitted. So once a person is throttled, their calls
// go one at a time, each keeping its turn through its own retries and starting no earlier
// than the time Exchange named: every refill of the budget is used as soon as it exists.
// After a quiet spell without 429s, calls run side by side again.
const QUIET_MS = 2_000;

export class ThrottleGate {
  private openAt = 0;
  private lastThrottledAt = Number.NEGATIVE_INFINITY;
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
  // starts only when none of theirs is in flight, and not before Exchange's time.
  async pass<T>(call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    while (this.throttledRecently(this.clock.now()) && this.inFlight > 0) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.inFlight++;
    try {
      const wait = this.delayMs();
      if (wait > 0) await this.clock.sleep(wait, signal);
      return await call();
    } finally {
      this.inFlight--;
      this.waiting.shift()?.();
    }
  }

  // Exchange said: nothing more of this person's before `retryAfterMs` from now.
  throttled(retryAfterMs: number): void {
    const now = this.clock.now();
    this.lastThrottledAt = now;
    this.openAt = Math.max(this.openAt, now + retryAfterMs);
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
