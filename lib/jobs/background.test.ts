import { beforeEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log/logger";
import { defineBackgroundJob } from "./background";

vi.mock("@/lib/log/logger", () => ({ log: { info: vi.fn(), error: vi.fn() } }));

// A run the test finishes when it chooses.
function gate<T>() {
  let open!: (value: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { promise, open, fail };
}

let jobNo = 0;
const newJob = () => defineBackgroundJob<string>({ name: `test job ${++jobNo}`, keyField: "testId" });

describe("defineBackgroundJob", () => {
  beforeEach(() => vi.mocked(log.error).mockClear());

  it("runs one key once at a time: a second start joins the run going on, another key runs beside it", async () => {
    const job = newJob();
    const a = gate<string>();
    const b = gate<string>();
    const runA = vi.fn(() => a.promise);
    const first = job.start("a", runA);
    const second = job.start("a", () => Promise.resolve("not run"));
    const other = job.start("b", () => b.promise);
    expect(job.find("a")).toBe(first);
    b.open("b done");
    expect(await other).toBe("b done");
    expect(job.find("a")).toBe(first);
    a.open("a done");
    expect([await first, await second]).toEqual(["a done", "a done"]);
    expect(runA).toHaveBeenCalledTimes(1);
    expect(job.find("a")).toBeUndefined();
    expect(await job.start("a", async () => "again")).toBe("again");
  });

  it("logs a run that throws, gives null, and frees the key for the next start", async () => {
    const job = newJob();
    const run = gate<string>();
    const started = job.start("a", () => run.promise);
    run.fail(new Error("database gone"));
    expect(await started).toBeNull();
    expect(log.error).toHaveBeenCalledWith({ err: expect.objectContaining({ message: "database gone" }), testId: "a" }, `test job ${jobNo} failed`);
    expect(job.find("a")).toBeUndefined();
    expect(await job.start("a", async () => "retried")).toBe("retried");
  });

  it("catches a run that throws before its first await", async () => {
    const job = newJob();
    const started = job.start("a", () => {
      throw new Error("bad input");
    });
    expect(await started).toBeNull();
    expect(log.error).toHaveBeenCalledTimes(1);
  });

  it("shares its runs with every definition of the same job (Next.js may load a module twice)", async () => {
    const name = `shared job ${++jobNo}`;
    const one = defineBackgroundJob<string>({ name, keyField: "testId" });
    const two = defineBackgroundJob<string>({ name, keyField: "testId" });
    const run = gate<string>();
    const started = one.start("a", () => run.promise);
    expect(two.find("a")).toBe(started);
    expect(two.start("a", async () => "not run")).toBe(started);
    run.open("done");
    expect(await started).toBe("done");
  });
});
