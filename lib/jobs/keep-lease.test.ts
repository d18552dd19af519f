import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { keepLease } from "./keep-lease";

describe("keepLease", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("renews from the lease it holds each period, and says once when another holder has it", async () => {
    const renewedFrom: number[] = [];
    let owner = true;
    const onLost = vi.fn();
    const keeper = keepLease({
      held: new Date(1000),
      periodMs: 100,
      renew: async (held) => {
        renewedFrom.push(held.getTime());
        return owner ? new Date(held.getTime() + 1000) : null;
      },
      onLost,
    });
    await vi.advanceTimersByTimeAsync(200);
    expect(renewedFrom).toEqual([1000, 2000]);
    expect(keeper.current()).toEqual(new Date(3000));
    owner = false;
    await vi.advanceTimersByTimeAsync(300);
    expect(onLost).toHaveBeenCalledTimes(1);
    expect(renewedFrom).toEqual([1000, 2000, 3000]); // no renewal after the loss
    expect(keeper.current()).toEqual(new Date(3000));
    await keeper.stop();
  });

  it("tries a renewal that threw again on the next tick, and stops renewing once stopped", async () => {
    let calls = 0;
    const keeper = keepLease({
      held: new Date(0),
      periodMs: 100,
      renew: async (held) => {
        calls++;
        if (calls === 1) throw new Error("database unreachable");
        return new Date(held.getTime() + 1);
      },
      onLost: () => {
        throw new Error("not lost");
      },
    });
    await vi.advanceTimersByTimeAsync(200);
    expect(keeper.current()).toEqual(new Date(1));
    await keeper.stop();
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toBe(2);
  });
});
