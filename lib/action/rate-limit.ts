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

// Counts one attempt; throws RATE_LIMITED, saying when to try again, once over the limit.
export async function consumeRateLimit(limit: TLimit, subject: string, now = new Date()): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${limit.name}:${subject}`;
  const [row] = await getDb().$queryRaw<{ count: number }[]>`
    INSERT INTO "RateLimitBucket" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitBucket"."count" + 1
    RETURNING "count"`;
  if ((row?.count ?? 0) > limit.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", `Too many attempts in a short time. Wait ${retryAfter} seconds, then try again.`);
  }
}

export async function deleteExpiredRateLimits(now = new Date()): Promise<number> {
  const oldest = Math.max(...Object.values(rateLimits()).map((l) => l.windowSeconds)) * 1000;
  const { count } = await getDb().rateLimitBucket.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - oldest) } } });
  return count;
}
