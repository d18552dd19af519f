import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit, deleteExpiredRateLimits, rateLimits } from "@/lib/action/rate-limit";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// Limits live in the database, so every portal instance counts the same attempts.
useMigratedEmbeddedDb();

const limit = rateLimits().mutationPerUser;
const at = (iso: string) => new Date(iso);

describe("rate limits", () => {
  it("allows the limit within a window, refuses the next attempt saying when to retry, and starts again next window", async () => {
    for (let i = 0; i < limit.limit; i++) await consumeRateLimit(limit, "oid-a", at("2026-11-23T10:00:05Z"));
    await expect(consumeRateLimit(limit, "oid-a", at("2026-11-23T10:00:50Z"))).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: "Too many attempts in a short time. Wait 10 seconds, then try again.",
    });
    await expect(consumeRateLimit(limit, "oid-b", at("2026-11-23T10:00:50Z"))).resolves.toBeUndefined();
    await expect(consumeRateLimit(limit, "oid-a", at("2026-11-23T10:01:00Z"))).resolves.toBeUndefined();
  });

  it("counts concurrent attempts exactly", async () => {
    const now = at("2026-11-23T11:00:00Z");
    const results = await Promise.allSettled(Array.from({ length: limit.limit + 10 }, () => consumeRateLimit(limit, "oid-c", now)));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(10);
  });

  it("forgets windows that have passed", async () => {
    await consumeRateLimit(limit, "oid-d", at("2026-11-23T09:00:00Z"));
    expect(await deleteExpiredRateLimits(at("2026-11-23T12:00:00Z"))).toBeGreaterThan(0);
    expect(await getDb().rateLimitBucket.count({ where: { key: { startsWith: "mutation:user:oid-d" } } })).toBe(0);
  });
});
