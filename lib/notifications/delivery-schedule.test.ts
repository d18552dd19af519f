import { describe, expect, it } from "vitest";
import { nextAttemptAt, retryDelayMs } from "./delivery-schedule";

const minutes = (m: number) => m * 60_000;

describe("the retry schedule of a notification delivery", () => {
  it("waits 15 s after the first failure, doubles each time, and stays at 30 minutes", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 50].map(retryDelayMs)).toEqual([
      15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000, 1_800_000, 1_800_000,
    ]);
  });

  it("gives up once the next attempt would come more than a day after the notice was written", () => {
    const createdAt = new Date("2026-12-04T08:00:00Z");
    expect(nextAttemptAt({ attempts: 1, createdAt }, createdAt)).toEqual(new Date("2026-12-04T08:00:15Z"));
    const lateNow = new Date(createdAt.getTime() + minutes(24 * 60 - 31));
    expect(nextAttemptAt({ attempts: 20, createdAt }, lateNow)).toEqual(new Date(lateNow.getTime() + minutes(30)));
    expect(nextAttemptAt({ attempts: 20, createdAt }, new Date(lateNow.getTime() + minutes(2)))).toBeNull();
  });

  it("gives up after 60 attempts whatever the age", () => {
    const now = new Date("2026-12-04T08:00:00Z");
    expect(nextAttemptAt({ attempts: 59, createdAt: now }, now)).not.toBeNull();
    expect(nextAttemptAt({ attempts: 60, createdAt: now }, now)).toBeNull();
  });

  // 8 attempts in the first 31¾ minutes (after 15 s, 30 s … 16 min), then one every 30 minutes
  // while the day lasts: 46 more.
  it("tries 54 times over the day when nothing ever answers", () => {
    const createdAt = new Date("2026-12-04T08:00:00Z");
    let attempts = 1;
    let at: Date | null = createdAt;
    while ((at = nextAttemptAt({ attempts, createdAt }, at))) attempts++;
    expect(attempts).toBe(54);
  });
});
