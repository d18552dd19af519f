import { beforeEach, describe, expect, it, vi } from "vitest";
import { log } from "@/lib/log/logger";
import { createSweep } from "./sweep";

vi.mock("@/lib/log/logger", () => ({ log: { info: vi.fn(), error: vi.fn() } }));

describe("createSweep", () => {
  beforeEach(() => vi.mocked(log.error).mockClear());

  it("runs every duty in order, and a failing duty does not keep the next ones from running", async () => {
    const ran: string[] = [];
    const sweep = createSweep([
      { name: "expire", run: async () => void ran.push("expire") },
      { name: "reconcile", run: async () => { ran.push("reconcile"); throw new Error("database away"); } },
      { name: "resume bulks", run: async () => void ran.push("resume bulks") },
    ]);
    await sweep.runOnce();
    expect(ran).toEqual(["expire", "reconcile", "resume bulks"]);
    expect(log.error).toHaveBeenCalledTimes(1);
    expect(vi.mocked(log.error).mock.calls[0]![0]).toMatchObject({ duty: "reconcile" });
  });

  it("does not start a pass while the previous one is still going on", async () => {
    let release!: () => void;
    const run = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const sweep = createSweep([{ name: "slow", run }]);
    const first = sweep.runOnce();
    await sweep.runOnce();
    expect(run).toHaveBeenCalledTimes(1);
    release();
    await first;
    const third = sweep.runOnce();
    expect(run).toHaveBeenCalledTimes(2);
    release();
    await third;
  });
});
