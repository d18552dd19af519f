import "server-only";
import { getDb } from "@/lib/db/client";
import { getSetting } from "@/lib/env/settings";
import { AppError } from "@/lib/errors/app-error";

// Fixed-window limits kept in the database, so every portal instance counts the same
// attempts. One upsert per check; old windows are deleted by the sweep.

export type TLimit = { name: string; limit: number; windowSeconds: number };

// Two of them are settings, since what fits depends on the organisation: how fast its helpdesk
// works, and how many of its people share one address.
export function rateLimits() {
  return {
    // Changes and decisions a person (or an address) may send per minute.
    mutationPerUser: { name: "mutation:user", limit: getSetting("EXODESK_CHANGES_PER_MINUTE"), windowSeconds: 60 },
    // An office behind one NAT address shares these.
    mutationPerIp: { name: "mutation:ip", limit: 300, windowSeconds: 60 },
    // Reads that call Exchange (type-ahead search, list checks): generous enough for typing,
    // which sends one search per pause.
    lookupPerUser: { name: "lookup:user", limit: 120, windowSeconds: 60 },
    lookupPerIp: { name: "lookup:ip", limit: 1200, windowSeconds: 60 },
    // Reads of the whole audit chain (verifying it, exporting it): a few a minute.
    chainPerUser: { name: "chain:user", limit: 5, windowSeconds: 60 },
    chainPerIp: { name: "chain:ip", limit: 20, windowSeconds: 60 },
    // Sign-ins started from one address per 5 minutes.
    signInPerIp: { name: "signin:ip", limit: getSetting("EXODESK_SIGNIN_LIMIT_PER_IP"), windowSeconds: 300 },
  } as const satisfies Record<string, TLimit>;
}

function bucketOf(limit: TLimit, subject: string, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  return { key: `${limit.name}:${subject}`, windowStart, windowEnd: windowStart.getTime() + windowMs };
}

function refuseOver(limit: TLimit, count: number | null | undefined, windowEnd: number, now: Date): void {
  if ((count ?? 0) <= limit.limit) return;
  const retryAfter = Math.max(1, Math.ceil((windowEnd - now.getTime()) / 1000));
  throw new AppError("RATE_LIMITED", `Too many attempts in a short time. Wait ${retryAfter} seconds, then try again.`);
}

// Counts one attempt; throws RATE_LIMITED, saying when to try again, once over the limit.
export async function consumeRateLimit(limit: TLimit, subject: string, now = new Date()): Promise<void> {
  const { key, windowStart, windowEnd } = bucketOf(limit, subject, now);
  const [row] = await getDb().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  refuseOver(limit, row?.count, windowEnd, now);
}

// Two limits on one attempt (per person, then per address) in one round trip, with the same
// outcome as consumeRateLimit(first) followed by consumeRateLimit(second): an attempt the first
// refuses is not counted against the second.
export async function consumeRateLimits(first: TLimit, firstSubject: string, second: TLimit, secondSubject: string, now = new Date()): Promise<void> {
  const a = bucketOf(first, firstSubject, now);
  const b = bucketOf(second, secondSubject, now);
  const [row] = await getDb().$queryRaw<{ first: number; second: number | null }[]>`
    WITH a AS (
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${a.key}, ${a.windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"
    ), b AS (
      INSERT INTO "RateLimitBucket" ("key", "windowStart", "count")
      SELECT ${b.key}, ${b.windowStart}, 1 FROM a WHERE a."count" <= ${first.limit}
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
      RETURNING "count"
    )
    SELECT (SELECT "count" FROM a) AS "first", (SELECT "count" FROM b) AS "second"`;
  refuseOver(first, row?.first, a.windowEnd, now);
  refuseOver(second, row?.second, b.windowEnd, now);
}

export async function deleteExpiredRateLimits(now = new Date()): Promise<number> {
  const oldest = Math.max(...Object.values(rateLimits()).map((l) => l.windowSeconds)) * 1000;
  const { count } = await getDb().rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - oldest) } } });
  return count;
}
