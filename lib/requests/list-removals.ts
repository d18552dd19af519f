import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
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

// The ends of a mailbox's time-bound rights, by removal action and person.
export async function listTimeBoundRights(user: TSessionUser, mailbox: string) {
  const rows = await getDb().request.findMany({
    where: { tenantId: user.tid, targetMailbox: { equals: mailbox, mode: "insensitive" }, status: { in: WAITING_REMOVAL }, removalOfId: { not: null } },
    select: { action: true, parameters: true, dueAt: true, removalOfId: true },
  });
  return rows.map((r) => ({ action: r.action, trustee: String((r.parameters as { trustee?: unknown }).trustee ?? ""), dueAt: r.dueAt, grantId: r.removalOfId }));
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

const KIND_OF_REMOVAL: Record<string, string> = {
  "full-access.remove": "fullAccess",
  "send-as.remove": "sendAs",
  "send-on-behalf.remove": "sendOnBehalf",
  "calendar.remove": "calendar",
};

// The key a time-bound right's end is found by in a mailbox report: mailbox, the report's
// delegate kind, person (addresses in lower case).
export const reportEndKey = (mailbox: string, kind: string, person: string) => `${mailbox}|${kind}|${person}`.toLowerCase();

// The ends of the time-bound rights on these mailboxes (a report page's), as ISO instants.
export async function listTimeBoundEnds(user: TSessionUser, mailboxes: readonly string[]): Promise<Record<string, string>> {
  const rows = await getDb().request.findMany({
    where: { tenantId: user.tid, status: { in: WAITING_REMOVAL }, targetMailbox: { in: [...mailboxes, ...mailboxes.map((m) => m.toLowerCase())] } },
    select: { action: true, targetMailbox: true, parameters: true, dueAt: true },
  });
  const ends: Record<string, string> = {};
  for (const r of rows) {
    const kind = KIND_OF_REMOVAL[r.action];
    const person = (r.parameters as { trustee?: unknown }).trustee;
    if (kind && typeof person === "string" && r.dueAt) ends[reportEndKey(r.targetMailbox, kind, person)] = r.dueAt.toISOString();
  }
  return ends;
}
