import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env/settings";
import { judgeSession, liveSince, needsTouch, TOUCH_EVERY_MS, type TSessionLimits } from "./session-lifetime";
import type { TSessionUser } from "./session-user";
import { forgetTokens } from "./tokens";

// Server-side sessions: the session cookie (next-auth's encrypted JWT) carries a random id,
// the database holds its hash. Every instance looks the row up on every request, so ending a
// session (deleting its row) ends it everywhere at once, and a kept cookie is worth nothing.

type TPerson = Pick<TSessionUser, "oid" | "tid">;

export function getSessionLimits(): TSessionLimits {
  const env = getEnv();
  return { idleMinutes: env.EXODESK_SESSION_IDLE_MINUTES, maxHours: env.EXODESK_SESSION_MAX_HOURS };
}

function hashSessionId(sid: string): string {
  return createHash("sha256").update(sid).digest("hex");
}

// One row per sign-in; the returned id goes into the cookie and nowhere else. The person is
// remembered as this sign-in's token describes them (their roles say who is told that a
// request waits for approval).
export async function startSession(user: TSessionUser, now = new Date()): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  const person = { upn: user.upn, name: user.name, roles: user.roles, lastSignInAt: now };
  await getDb().$transaction([
    getDb().session.create({ data: { idHash: hashSessionId(sid), oid: user.oid, tid: user.tid, upn: user.upn, name: user.name, createdAt: now, lastSeenAt: now } }),
    getDb().person.upsert({ where: { oid_tid: { oid: user.oid, tid: user.tid } }, create: { oid: user.oid, tid: user.tid, ...person }, update: person }),
  ]);
  return sid;
}

// Whether the session may still act. A session past its limits is deleted on the spot.
// lastSeenAt is rewritten at most once a minute, and only by the first instance to get there.
export async function isSessionLive(sid: string, now = new Date(), limits = getSessionLimits()): Promise<boolean> {
  const db = getDb();
  const idHash = hashSessionId(sid);
  const row = await db.session.findUnique({ where: { idHash }, select: { createdAt: true, lastSeenAt: true } });
  if (!row) return false;
  if (judgeSession(row, now, limits) !== "live") {
    await db.session.deleteMany({ where: { idHash } });
    return false;
  }
  if (needsTouch(row, now)) {
    await db.session.updateMany({ where: { idHash, lastSeenAt: { lte: new Date(now.getTime() - TOUCH_EVERY_MS) } }, data: { lastSeenAt: now } });
  }
  return true;
}

function liveWhere(person: TPerson, now: Date, limits: TSessionLimits) {
  const { createdAfter, seenAfter } = liveSince(now, limits);
  return { oid: person.oid, tid: person.tid, createdAt: { gt: createdAfter }, lastSeenAt: { gt: seenAfter } };
}

export type TEndedSession = { ended: boolean; tokensForgotten: boolean };

// Signing out of one session. The person's token cache (one per person, shared by their
// sessions) goes only when no other live session of theirs remains, and no scheduled change is
// to run as them. The delete and the count
// are separate statements on purpose: inside one transaction, two sessions signing out at once
// could each still see the other and both keep the cache.
export async function endSession(sid: string, now = new Date(), limits = getSessionLimits()): Promise<TEndedSession> {
  const db = getDb();
  const row = await db.session.findUnique({ where: { idHash: hashSessionId(sid) } });
  if (!row) return { ended: false, tokensForgotten: false };
  const { count } = await db.session.deleteMany({ where: { idHash: row.idHash } });
  const others = await db.session.count({ where: liveWhere(row, now, limits) });
  if (others > 0 || (await hasScheduledWork(row))) return { ended: count === 1, tokensForgotten: false };
  await forgetTokens(row);
  return { ended: count === 1, tokensForgotten: true };
}

// Whether a scheduled change is to run as this person (time-bound access: a grant's removal at
// its end, a grant at its start, lib/requests/schedule-removal.ts). Their token cache is kept
// for it after their sessions end, and used by nothing else: no session, no page, no action;
// "Sign out everywhere" and an admin's "End sessions" forget it anyway (the change then goes
// to the helpdesk when due).
async function hasScheduledWork(person: TPerson): Promise<boolean> {
  return (await getDb().request.count({ where: { tenantId: person.tid, executorOid: person.oid, status: "SCHEDULED" } })) > 0;
}

export type TEndedSessions = { sessions: number; upn: string | null };

// "Sign out everywhere" and an admin's "End sessions": every session of the person, and their
// token cache. `record` writes the audit event in the same transaction as the deletion.
export async function endAllSessions(
  person: TPerson,
  record: (tx: Prisma.TransactionClient, ended: TEndedSessions) => Promise<void>,
  now = new Date(),
  limits = getSessionLimits(),
): Promise<TEndedSessions> {
  const ended = await getDb().$transaction(async (tx) => {
    const live = await tx.session.findMany({ where: liveWhere(person, now, limits), select: { upn: true }, orderBy: { lastSeenAt: "desc" } });
    await tx.session.deleteMany({ where: { oid: person.oid, tid: person.tid } });
    const result = { sessions: live.length, upn: live[0]?.upn ?? null };
    await record(tx, result);
    return result;
  });
  await forgetTokens(person);
  return ended;
}

export type TPersonSessions = { oid: string; tid: string; upn: string; name: string; sessions: number; lastSeenAt: Date; firstSignedInAt: Date };

// People with at least one live session, most recently active first (the admin's page).
export async function listPeopleWithLiveSessions(now = new Date(), limits = getSessionLimits()): Promise<TPersonSessions[]> {
  const { createdAfter, seenAfter } = liveSince(now, limits);
  const rows = await getDb().session.findMany({
    where: { createdAt: { gt: createdAfter }, lastSeenAt: { gt: seenAfter } },
    orderBy: { lastSeenAt: "desc" },
  });
  const people = new Map<string, TPersonSessions>();
  for (const r of rows) {
    const key = `${r.oid}.${r.tid}`;
    const seen = people.get(key);
    if (!seen) {
      people.set(key, { oid: r.oid, tid: r.tid, upn: r.upn, name: r.name, sessions: 1, lastSeenAt: r.lastSeenAt, firstSignedInAt: r.createdAt });
      continue;
    }
    seen.sessions += 1;
    if (r.createdAt < seen.firstSignedInAt) seen.firstSignedInAt = r.createdAt;
  }
  return [...people.values()];
}

// For the sweep: rows past their limits, and the token caches nobody needs any more: of people
// left without a live session and with no scheduled change to run as them. A cache kept for
// such a change goes once the last one has run (the second statement; a cache written in the
// last minutes may belong to a sign-in whose session row is being written). Returns how many
// session rows went.
export async function deleteEndedSessions(now = new Date(), limits = getSessionLimits()): Promise<number> {
  const db = getDb();
  const { createdAfter, seenAfter } = liveSince(now, limits);
  const ended = { OR: [{ createdAt: { lte: createdAfter } }, { lastSeenAt: { lte: seenAfter } }] };
  const rows = await db.session.findMany({ where: ended, select: { idHash: true, oid: true, tid: true } });
  await db.session.deleteMany({ where: { idHash: { in: rows.map((r) => r.idHash) } } });
  const people = new Map(rows.map((r) => [`${r.oid}.${r.tid}`, r]));
  for (const person of people.values()) {
    if ((await db.session.count({ where: liveWhere(person, now, limits) })) === 0 && !(await hasScheduledWork(person))) await forgetTokens(person);
  }
  await db.$executeRaw`
    DELETE FROM "TokenCache" t
    WHERE t."updatedAt" < now() - interval '5 minutes'
      AND NOT EXISTS (SELECT 1 FROM "Session" s WHERE s.oid || '.' || s.tid = t.key)
      AND NOT EXISTS (SELECT 1 FROM "Request" r WHERE r."executorOid" || '.' || r."tenantId" = t.key AND r.status = 'SCHEDULED')`;
  return rows.length;
}
