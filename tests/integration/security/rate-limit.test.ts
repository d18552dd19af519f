import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { consumeRateLimit, consumeRateLimits, deleteExpiredRateLimits, rateLimits } from "@/lib/action/rate-limit";
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

  it("counts per person and per address in one go, as the two limits one after the other would", async () => {
    const perIp = rateLimits().mutationPerIp;
    const now = at("2026-11-23T13:00:05Z");
    const both = () => consumeRateLimits(limit, "oid-e", perIp, "198.51.100.9", now);
    for (let i = 0; i < limit.limit; i++) await both();
    await expect(both()).rejects.toMatchObject({ code: "RATE_LIMITED", message: "Too many attempts in a short time. Wait 55 seconds, then try again." });
    // The refused attempt counted against the person only, not against the address.
    const count = async (key: string) => (await getDb().rateLimitBucket.findFirstOrThrow({ where: { key } })).count;
    expect(await count("mutation:user:oid-e")).toBe(limit.limit + 1);
    expect(await count("mutation:ip:198.51.100.9")).toBe(limit.limit);

    // The address's own limit refuses, too, whoever sends.
    for (let i = limit.limit; i < perIp.limit; i++) await consumeRateLimit(perIp, "198.51.100.9", now);
    await expect(consumeRateLimits(limit, "oid-f", perIp, "198.51.100.9", now)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(consumeRateLimits(limit, "oid-f", perIp, "198.51.100.10", now)).resolves.toBeUndefined();
  });

  it("forgets windows that have passed", async () => {
    await consumeRateLimit(limit, "oid-d", at("2026-11-23T09:00:00Z"));
    expect(await deleteExpiredRateLimits(at("2026-11-23T12:00:00Z"))).toBeGreaterThan(0);
    expect(await getDb().rateLimitBucket.count({ where: { key: { startsWith: "mutation:user:oid-d" } } })).toBe(0);
  });
});
