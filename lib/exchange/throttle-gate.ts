// Exchange throttles each person: past their budget, a call gets 429 with Retry-After, the
// time until the budget admits the next one. When several calls of one person are in flight
// (a bulk run's workers), each collecting its own 429s wastes their retries, and when they all
// wake at the same instant only one is admitted again. So once a person is throttled, their
// calls go one at a time, each waiting until the time Exchange named: every refill of the
// budget is used as soon as it exists, and a call rarely meets more than one 429. After a
// quiet spell without 429s, calls run side by side again.
const QUIET_MS = 2_000;

export type TGateClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void> };

export class ThrottleGate {
  private openAt = 0;
  private lastThrottledAt = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly clock: TGateClock) {}

  private throttledRecently(now: number): boolean {
    return now - this.lastThrottledAt < QUIET_MS;
  }

  // How long a call starting now would wait at the gate.
  delayMs(): number {
    const now = this.clock.now();
    return this.throttledRecently(now) ? Math.max(0, this.openAt - now) : 0;
  }

  // Runs one attempt through the gate.
  async pass<T>(attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!this.throttledRecently(this.clock.now())) return await attempt();
    let release!: () => void;
    const turn = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    try {
      await turn;
      const wait = this.openAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
      return await attempt();
    } finally {
      release();
    }
  }

  // Exchange said: nothing more of this person's before `retryAfterMs` from now.
  throttled(retryAfterMs: number): void {
    const now = this.clock.now();
    this.lastThrottledAt = now;
    this.openAt = Math.max(this.openAt, now + retryAfterMs);
  }
}

const gates: Map<string, ThrottleGate> = ((globalThis as { __exodeskThrottleGates?: Map<string, ThrottleGate> }).__exodeskThrottleGates ??= new Map());

// One gate per person per tenant, for this process.
export function throttleGateFor(key: string, clock: TGateClock): ThrottleGate {
  let gate = gates.get(key);
  if (!gate) {
    if (gates.size > 10_000) gates.clear(); // people come and go; a gate is only useful while they are busy
    gate = new ThrottleGate(clock);
    gates.set(key, gate);
  }
  return gate;
}
