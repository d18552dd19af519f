import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { endSessionsOf, endMySessionsEverywhere } from "@/lib/auth/end-sessions";
import { deleteEndedSessions, endAllSessions, endSession, isSessionLive, listPeopleWithLiveSessions, startSession } from "@/lib/auth/session-store";
import type { TSessionUser } from "@/lib/auth/session-user";
import { saveTokenCache } from "@/lib/auth/token-store";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { stubPortalEnv } from "../support/portal-env";

// Server-side sessions on a real database: what a kept cookie can still do after each way a
// session ends. Time is passed in, so idle and absolute limits need no waiting.

stubPortalEnv(randomBytes(32).toString("base64"));

useMigratedEmbeddedDb();

const LIMITS = { idleMinutes: 30, maxHours: 8 };
const T0 = new Date("2026-12-03T08:00:00Z");
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

let n = 0;
function person(roles: TSessionUser["roles"] = ["ExoDesk.Helpdesk"]): TSessionUser {
  n += 1;
  return { oid: `oid-${n}-${randomBytes(4).toString("hex")}`, tid: "tid", upn: `person${n}@contoso.example`, name: `Person ${n}`, roles };
}
const cacheKey = (p: TSessionUser) => `${p.oid}.${p.tid}`;
const hasCache = async (p: TSessionUser) => (await getDb().tokenCache.count({ where: { key: cacheKey(p) } })) === 1;
const live = (sid: string, at: Date) => isSessionLive(sid, at, LIMITS);
const actor = (p: TSessionUser) => ({ oid: p.oid, upn: p.upn, name: p.name, roles: [...p.roles], ip: null, userAgent: null });

describe("a session", () => {
  it("is live after sign-in, and the database holds only a hash of the cookie's id", async () => {
    const p = person();
    const sid = await startSession(p, T0);
    expect(await live(sid, later(1))).toBe(true);
    const rows = await getDb().session.findMany({ where: { oid: p.oid } });
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(sid);
    expect(await live("a-made-up-session-id", later(1))).toBe(false);
  });

  it("records activity at most once a minute", async () => {
    const p = person();
    const sid = await startSession(p, T0);
    const lastSeen = async () => (await getDb().session.findFirstOrThrow({ where: { oid: p.oid } })).lastSeenAt.toISOString();
    await live(sid, new Date(T0.getTime() + 59_000));
    expect(await lastSeen()).toBe(T0.toISOString());
    await live(sid, later(1));
    expect(await lastSeen()).toBe(later(1).toISOString());
    await live(sid, new Date(later(1).getTime() + 30_000));
    expect(await lastSeen()).toBe(later(1).toISOString());
  });

  it("ends after the idle time without use, and is then gone for good", async () => {
    const p = person();
    const sid = await startSession(p, T0);
    expect(await live(sid, later(29))).toBe(true); // used at 08:29: idle counts from there
    expect(await live(sid, later(58))).toBe(true);
    expect(await live(sid, later(88))).toBe(false);
    expect(await live(sid, later(89))).toBe(false);
    expect(await getDb().session.count({ where: { oid: p.oid } })).toBe(0);
  });

  it("ends at the absolute limit however busy the person is", async () => {
    const p = person();
    const sid = await startSession(p, T0);
    for (let minute = 20; minute < 8 * 60; minute += 20) expect(await live(sid, later(minute))).toBe(true);
    expect(await live(sid, later(8 * 60))).toBe(false);
  });
});

describe("signing out of one session", () => {
  it("keeps the token cache while another live session of the person remains, and deletes it with the last", async () => {
    const p = person();
    await saveTokenCache(cacheKey(p), "{}");
    const laptop = await startSession(p, T0);
    const phone = await startSession(p, T0);

    expect(await endSession(laptop, later(1), LIMITS)).toEqual({ ended: true, tokensForgotten: false });
    expect(await live(laptop, later(2))).toBe(false);
    expect(await live(phone, later(2))).toBe(true);
    expect(await hasCache(p)).toBe(true);

    expect(await endSession(phone, later(3), LIMITS)).toEqual({ ended: true, tokensForgotten: true });
    expect(await hasCache(p)).toBe(false);
    // A kept cookie signing out again ends nothing.
    expect(await endSession(phone, later(4), LIMITS)).toEqual({ ended: false, tokensForgotten: false });
  });

  it("counts only live sessions: an idle one left behind does not keep the cache", async () => {
    const p = person();
    await saveTokenCache(cacheKey(p), "{}");
    await startSession(p, T0); // abandoned in another browser
    const current = await startSession(p, later(60));
    expect(await endSession(current, later(61), LIMITS)).toEqual({ ended: true, tokensForgotten: true });
    expect(await hasCache(p)).toBe(false);
  });

  it("of two sessions at the same moment still deletes the cache", async () => {
    const p = person();
    await saveTokenCache(cacheKey(p), "{}");
    const [a, b] = [await startSession(p, T0), await startSession(p, T0)];
    await Promise.all([endSession(a, later(1), LIMITS), endSession(b, later(1), LIMITS)]);
    expect(await hasCache(p)).toBe(false);
  });
});

describe("ending every session of a person", () => {
  it("signs them out everywhere, deletes the cache and audits it in the same step; others keep theirs", async () => {
    const p = person();
    const other = person();
    await saveTokenCache(cacheKey(p), "{}");
    await saveTokenCache(cacheKey(other), "{}");
    const sids = [await startSession(p), await startSession(p)];
    const theirs = await startSession(other);

    expect(await endMySessionsEverywhere(p, actor(p))).toEqual({ sessions: 2, upn: p.upn });
    for (const sid of sids) expect(await isSessionLive(sid)).toBe(false);
    expect(await hasCache(p)).toBe(false);
    expect(await isSessionLive(theirs)).toBe(true);
    expect(await hasCache(other)).toBe(true);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "session.ended-everywhere", actorOid: p.oid } });
    expect(event.data).toEqual({ sessions: 2 });
  });

  it("by an admin: only an admin may, a bad id is a plain error, and the ending is audited with whose sessions", async () => {
    const admin = person(["ExoDesk.Admin"]);
    const helpdesk = person();
    const sid = await startSession(helpdesk);
    await saveTokenCache(cacheKey(helpdesk), "{}");

    await expect(endSessionsOf(helpdesk, actor(helpdesk), { oid: admin.oid, tid: admin.tid })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bad = await endSessionsOf(admin, actor(admin), { oid: "", tid: "tid" }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect((bad as AppError).fieldErrors?.oid).toEqual(["Choose a person."]);
    expect(await isSessionLive(sid)).toBe(true);

    expect(await endSessionsOf(admin, actor(admin), { oid: helpdesk.oid, tid: helpdesk.tid })).toEqual({ sessions: 1, upn: helpdesk.upn });
    expect(await isSessionLive(sid)).toBe(false);
    expect(await hasCache(helpdesk)).toBe(false);
    const event = await getDb().auditEvent.findFirstOrThrow({ where: { type: "session.ended-by-admin", actorOid: admin.oid } });
    expect(event.data).toEqual({ oid: helpdesk.oid, tid: helpdesk.tid, upn: helpdesk.upn, sessions: 1 });

    // Nothing live any more: nothing to end, nothing audited.
    expect(await endSessionsOf(admin, actor(admin), { oid: helpdesk.oid, tid: helpdesk.tid })).toEqual({ sessions: 0, upn: null });
    expect(await getDb().auditEvent.count({ where: { type: "session.ended-by-admin", actorOid: admin.oid } })).toBe(1);
  });

  it("rolls the deletion back when its audit event cannot be written", async () => {
    const p = person();
    const sid = await startSession(p);
    await expect(endAllSessions(p, async () => { throw new Error("audit refused"); })).rejects.toThrow("audit refused");
    expect(await isSessionLive(sid)).toBe(true);
  });
});

describe("the admin's list and the sweep", () => {
  it("list people with live sessions once each, and the sweep removes ended ones and their orphaned caches", async () => {
    await getDb().session.deleteMany({});
    const busy = person();
    const gone = person();
    await saveTokenCache(cacheKey(busy), "{}");
    await saveTokenCache(cacheKey(gone), "{}");
    await startSession(busy, later(100));
    await startSession(busy, later(110));
    await startSession(busy, T0); // idle since 08:00
    await startSession(gone, T0);

    const people = await listPeopleWithLiveSessions(later(120), LIMITS);
    expect(people.map((p) => [p.upn, p.sessions, p.lastSeenAt.toISOString(), p.firstSignedInAt.toISOString()])).toEqual([
      [busy.upn, 2, later(110).toISOString(), later(100).toISOString()],
    ]);

    expect(await deleteEndedSessions(later(120), LIMITS)).toBe(2);
    expect(await getDb().session.count()).toBe(2);
    expect(await hasCache(busy)).toBe(true);
    expect(await hasCache(gone)).toBe(false);
  });

  it("keeps the token cache of a person a scheduled change is to run as, after their sessions end, until it has run; Sign out everywhere forgets it", async () => {
    const planned = person();
    await saveTokenCache(cacheKey(planned), "{}");
    const scheduled = await getDb().request.create({
      data: { tenantId: planned.tid, requesterOid: planned.oid, requesterUpn: planned.upn, requesterName: planned.name, action: "full-access.remove", targetMailbox: "megan@contoso.example", parameters: { identity: "megan@contoso.example", trustee: "alex@contoso.example" }, status: "SCHEDULED", dueAt: later(60 * 24 * 7), executorOid: planned.oid, executorUpn: planned.upn },
    });
    // Signed out, and the sweep days later: the cache stays for the removal at the grant's end.
    expect(await endSession(await startSession(planned, T0), later(1), LIMITS)).toEqual({ ended: true, tokensForgotten: false });
    await startSession(planned, T0);
    await deleteEndedSessions(later(60 * 24 * 3), LIMITS);
    expect(await getDb().session.count({ where: { oid: planned.oid } })).toBe(0);
    expect(await hasCache(planned)).toBe(true);
    // Once it has run (and the cache is not one just written by a sign-in), the next sweep forgets it.
    await getDb().request.update({ where: { id: scheduled.id }, data: { status: "SUCCEEDED" } });
    await getDb().$executeRaw`UPDATE "TokenCache" SET "updatedAt" = now() - interval '10 minutes' WHERE key = ${cacheKey(planned)}`;
    await deleteEndedSessions(later(60 * 24 * 8), LIMITS);
    expect(await hasCache(planned)).toBe(false);

    // "Sign out everywhere" forgets it even with a change still scheduled (that change goes to the helpdesk when due).
    await saveTokenCache(cacheKey(planned), "{}");
    await getDb().request.update({ where: { id: scheduled.id }, data: { status: "SCHEDULED" } });
    await startSession(planned, T0);
    await endAllSessions(planned, async () => {}, later(1), LIMITS);
    expect(await hasCache(planned)).toBe(false);
  });
});
