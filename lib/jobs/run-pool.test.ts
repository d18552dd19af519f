import { describe, expect, it } from "vitest";
import { runPool } from "./run-pool";

// Work items the test finishes one by one, recording which have started.
function controlledWork() {
  const started: number[] = [];
  const finishers = new Map<number, { ok(): void; fail(e: unknown): void }>();
  let inFlight = 0;
  let maxInFlight = 0;
  let onStart = () => {};
  const work = (n: number) =>
    new Promise<void>((resolve, reject) => {
      started.push(n);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const done = () => inFlight--;
      finishers.set(n, { ok: () => (done(), resolve()), fail: (e) => (done(), reject(e)) });
      onStart();
    });
  // Resolves once `count` items have started.
  const startedCount = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => started.length >= count && resolve();
      onStart = check;
      check();
    });
  return { work, started, finish: (n: number) => finishers.get(n)!.ok(), fail: (n: number, e: unknown) => finishers.get(n)!.fail(e), startedCount, max: () => maxInFlight };
}

async function* numbers(count: number) {
  for (let i = 1; i <= count; i++) yield i;
}

describe("runPool", () => {
  it("runs every item, never more than `concurrency` at once, pulling an async source in order", async () => {
    const w = controlledWork();
    const run = runPool(numbers(5), w.work, { concurrency: 2 });
    await w.startedCount(2);
    expect(w.started).toEqual([1, 2]);
    w.finish(2);
    await w.startedCount(3);
    w.finish(1);
    await w.startedCount(4);
    w.finish(3);
    await w.startedCount(5);
    w.finish(4);
    w.finish(5);
    await run;
    expect(w.started).toEqual([1, 2, 3, 4, 5]);
    expect(w.max()).toBe(2);
  });

  it("takes no new item after one fails, and throws its error only once those in flight have finished", async () => {
    const w = controlledWork();
    let settled = false;
    const run = runPool([1, 2, 3, 4], w.work, { concurrency: 2 }).finally(() => (settled = true));
    await w.startedCount(2);
    w.fail(1, new Error("database gone"));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    w.finish(2);
    await expect(run).rejects.toThrow("database gone");
    expect(w.started).toEqual([1, 2]);
  });

  it("takes no new item once stopped() says so, and lets those in flight finish", async () => {
    const w = controlledWork();
    let stop = false;
    const run = runPool(numbers(10), w.work, { concurrency: 3, stopped: () => stop });
    await w.startedCount(3);
    stop = true;
    w.finish(1);
    w.finish(2);
    w.finish(3);
    await run;
    expect(w.started).toEqual([1, 2, 3]);
  });
});
