import { timedOut, type TClock, type TTimeout } from "@/lib/time/clock";

// A clock for tests about logic (lib/time/clock.ts): time moves only when something sleeps, so a
// 30-second backoff costs no wall time. A sleep does not wait for real time: the clock jumps to
// its wake time. When several sleeps are pending, they end one at a time in order of wake time
// (the earlier one started first on a tie), each in its own turn of the event loop, so the code
// one wakes can start a new, earlier sleep before the next ends. Timeouts never move the clock:
// they fire when a sleep or advance() carries it past them. Time never goes back.
type TTimer = { at: number; order: number; sleeper: boolean; fire(): void };

export class VirtualClock implements TClock {
  readonly slept: number[] = []; // every sleep's length, in the order they began
  private current: number;
  private readonly timers: TTimer[] = []; // by (at, order)
  private made = 0;
  private wakeScheduled = false;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.slept.push(ms);
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.remove(timer);
        reject(signal?.reason);
      };
      const timer = this.add(ms, true, () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      this.scheduleWake();
    });
  }

  timeout(ms: number): TTimeout {
    const controller = new AbortController();
    const timer = this.add(ms, false, () => controller.abort(timedOut()));
    return { signal: controller.signal, clear: () => this.remove(timer) };
  }

  // Moves the clock on by `ms`, firing every sleep and timeout due on the way, in order.
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    while (this.timers[0] && this.timers[0].at <= target) this.fireFirst();
    this.current = target;
  }

  // Sleeps and timeouts not yet fired.
  get pending(): number {
    return this.timers.length;
  }

  private add(ms: number, sleeper: boolean, fire: () => void): TTimer {
    const timer: TTimer = { at: this.current + Math.max(0, ms), order: this.made++, sleeper, fire };
    let i = this.timers.length;
    while (i > 0 && this.timers[i - 1]!.at > timer.at) i--;
    this.timers.splice(i, 0, timer);
    return timer;
  }

  private remove(timer: TTimer): void {
    const i = this.timers.indexOf(timer);
    if (i >= 0) this.timers.splice(i, 1);
  }

  private fireFirst(): void {
    const timer = this.timers.shift()!;
    this.current = Math.max(this.current, timer.at);
    timer.fire();
  }

  // setImmediate: the sleeps started in this turn (and their continuations) are all in before
  // the earliest one ends.
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      if (!this.timers.some((t) => t.sleeper)) return;
      // Timeouts due before the next sleeper end fire first, as they would in real time.
      while (!this.timers[0]!.sleeper) this.fireFirst();
      this.fireFirst();
      this.scheduleWake();
    });
  }
}
