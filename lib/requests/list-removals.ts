import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { removedKindOf, rightEndKey, type TRightEnds } from "@/lib/cmdlets/right-kinds";
import { getDb } from "@/lib/db/client";
import { visibleTo } from "./list-requests";
import { WAITING_REMOVAL } from "./schedule-removal";

// Due scheduled changes (removals, grants that waited for their start) nobody could run as the
// person planned: the helpdesk's queue (and its badge).
export async function countNeedingSomeone(user: TSessionUser): Promise<number> {
  if (!hasPermission(user.roles, "request.submit")) return 0;
  return await getDb().request.count({ where: { tenantId: user.tid, status: "NEEDS_SOMEONE" } });
}

// The queue: every scheduled change that needs someone, then the next ones scheduled.
export async function listScheduledChanges(user: TSessionUser) {
  const db = getDb();
  const [needing, scheduled] = await Promise.all([
    db.request.findMany({ where: { tenantId: user.tid, status: "NEEDS_SOMEONE" }, orderBy: { dueAt: "asc" }, take: 100 }),
    db.request.findMany({ where: { tenantId: user.tid, status: "SCHEDULED" }, orderBy: { dueAt: "asc" }, take: 100 }),
  ]);
  return { needing, scheduled };
}

// The ends of a mailbox's time-bound rights (its access page's), by mailbox, kind and person.
export async function listTimeBoundRights(user: TSessionUser, mailbox: string): Promise<TRightEnds> {
  const rows = await getDb().request.findMany({
    where: { tenantId: user.tid, targetMailbox: { equals: mailbox, mode: "insensitive" }, status: { in: WAITING_REMOVAL }, removalOfId: { not: null } },
    select: { action: true, targetMailbox: true, parameters: true, dueAt: true },
  });
  return toEnds(rows);
}

// A grant's removal (the latest) and a removal's grant, for the request pages' links.
// As far as the person may open them (a link never leads to "not found"): the grant of a
// removal may be someone else's.
export async function getTimeBoundLinks(user: TSessionUser, request: { id: string; removalOfId: string | null }) {
  const [removal, grant] = await Promise.all([
    getDb().request.findFirst({ where: { removalOfId: request.id, ...visibleTo(user) }, orderBy: { createdAt: "desc" }, select: { id: true, status: true, dueAt: true } }),
    request.removalOfId ? getDb().request.findFirst({ where: { id: request.removalOfId, ...visibleTo(user) }, select: { id: true } }) : null,
  ]);
  return { removal, grantId: request.removalOfId, grantVisible: grant !== null };
}

// The ends of the time-bound rights on these mailboxes (a report page's), by mailbox, kind and person.
export async function listTimeBoundEnds(user: TSessionUser, mailboxes: readonly string[]): Promise<TRightEnds> {
  const rows = await getDb().request.findMany({
    where: { tenantId: user.tid, status: { in: WAITING_REMOVAL }, targetMailbox: { in: [...mailboxes, ...mailboxes.map((m) => m.toLowerCase())] } },
    select: { action: true, targetMailbox: true, parameters: true, dueAt: true },
  });
  return toEnds(rows);
}

// A waiting removal's due time is its right's end, as an ISO instant (rightEndKey).
function toEnds(rows: readonly { action: string; targetMailbox: string; parameters: unknown; dueAt: Date | null }[]): TRightEnds {
  const ends: TRightEnds = {};
  for (const r of rows) {
    const kind = removedKindOf(r.action);
    const person = (r.parameters as { trustee?: unknown }).trustee;
    if (kind && typeof person === "string" && r.dueAt) ends[rightEndKey(r.targetMailbox, kind, person)] = r.dueAt.toISOString();
  }
  return ends;
}
