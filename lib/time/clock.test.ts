import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { realClock } from "./clock";

const aborted = (reason: string) => {
  const controller = new AbortController();
  controller.abort(new Error(reason));
  return controller.signal;
};

describe("the virtual clock", () => {
  it("ends a sleep without waiting: the clock jumps to its wake time", async () => {
    const clock = new VirtualClock(1_000);
    const startedAt = performance.now();
    await clock.sleep(3_600_000);
    expect(clock.now()).toBe(3_601_000);
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    expect(clock.slept).toEqual([3_600_000]);
  });

  it("ends sleeps pending side by side in order of wake time, moving now to each, never back", async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    const nap = async (name: string, ms: number) => {
      await clock.sleep(ms);
      woke.push(`${name}@${clock.now()}`);
    };
    await Promise.all([nap("c", 300), nap("a", 100), nap("b", 200), nap("a2", 100)]);
    expect(woke).toEqual(["a@100", "a2@100", "b@200", "c@300"]);
  });

  it("lets a woken sleeper's next, earlier sleep end before a later pending one", async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    const twice = async () => {
      await clock.sleep(100);
      woke.push(`first@${clock.now()}`);
      await clock.sleep(50);
      woke.push(`again@${clock.now()}`);
    };
    const late = async () => {
      await clock.sleep(1_000);
      woke.push(`late@${clock.now()}`);
    };
    await Promise.all([late(), twice()]);
    expect(woke).toEqual(["first@100", "again@150", "late@1000"]);
  });

  it("gives the same order on every run", async () => {
    const run = async () => {
      const clock = new VirtualClock(0);
      const order: number[] = [];
      await Promise.all(Array.from({ length: 20 }, (_, i) => clock.sleep(((i * 7) % 5) * 10).then(() => order.push(i))));
      return order;
    };
    expect(await run()).toEqual(await run());
  });

  it("rejects a sleep whose signal aborts, and the sleep no longer counts", async () => {
    const clock = new VirtualClock(0);
    await expect(clock.sleep(10, aborted("already"))).rejects.toThrow("already");
    const controller = new AbortController();
    const sleeping = clock.sleep(5_000, controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(sleeping).rejects.toThrow("cancelled");
    expect(clock.pending).toBe(0);
    expect(clock.now()).toBe(0);
  });

  it("never moves for a timeout: it fires when a sleep or advance() passes it", async () => {
    const clock = new VirtualClock(0);
    const timeout = clock.timeout(1_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(timeout.signal.aborted).toBe(false);
    await clock.sleep(999);
    expect(timeout.signal.aborted).toBe(false);
    await clock.sleep(1);
    expect(timeout.signal.reason).toMatchObject({ name: "TimeoutError" });

    const other = clock.timeout(500);
    clock.advance(499);
    expect(other.signal.aborted).toBe(false);
    clock.advance(1);
    expect(other.signal.aborted).toBe(true);
    expect(clock.now()).toBe(1_500);
  });

  it("fires a timeout due before a sleep's end first, and never a cleared one", async () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const first = clock.timeout(100);
    first.signal.addEventListener("abort", () => seen.push(`timeout@${clock.now()}`));
    const cleared = clock.timeout(50);
    cleared.clear();
    await clock.sleep(200).then(() => seen.push(`sleep@${clock.now()}`));
    expect(seen).toEqual(["timeout@100", "sleep@200"]);
    expect(cleared.signal.aborted).toBe(false);
  });
});

// The real clock's own timers, briefly: production waits on these.
describe("the real clock", () => {
  it("sleeps in real time and stops at once when the signal aborts", async () => {
    const startedAt = realClock.now();
    await realClock.sleep(20);
    expect(realClock.now() - startedAt).toBeGreaterThanOrEqual(19);
    await expect(realClock.sleep(60_000, aborted("stop"))).rejects.toThrow("stop");
    const controller = new AbortController();
    const sleeping = realClock.sleep(60_000, controller.signal);
    controller.abort(new Error("later"));
    await expect(sleeping).rejects.toThrow("later");
  });

  it("times out in real time, unless cleared", async () => {
    const cleared = realClock.timeout(5);
    const timeout = realClock.timeout(20);
    cleared.clear();
    await new Promise((resolve) => timeout.signal.addEventListener("abort", resolve, { once: true }));
    expect(timeout.signal.reason).toMatchObject({ name: "TimeoutError" });
    expect(cleared.signal.aborted).toBe(false);
  });
});
