import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { wasToldAbout } from "@/lib/notifications/list-notifications";
import type { TRequestStatus } from "@/lib/workflow/request-status";
import { expireIfOverdue } from "./expire-requests";
import { WAITING_REMOVAL } from "./schedule-removal";
import { recordRefusal, type TAttempt } from "./record-refusal";

// The requester's own requests; a pending one past its limit is shown (and stored) as expired.
async function withExpiry<T extends { id: string; status: TRequestStatus; targetMailbox: string; action: string; expiresAt: Date | null }>(r: T): Promise<T> {
  return { ...r, status: await expireIfOverdue(r) };
}

export async function listMyRequests(user: TSessionUser, take = 100) {
  const rows = await getDb().request.findMany({
    where: { requesterOid: user.oid, tenantId: user.tid },
    orderBy: { createdAt: "desc" },
    take,
  });
  return await Promise.all(rows.map(withExpiry));
}

// The requests a person may open: ones they asked for, decided or executed; for the helpdesk,
// also a scheduled change (a removal, a grant), as every helpdesk person sees it listed in Due
// removals and may run it once it needs someone.
export function visibleTo(user: TSessionUser) {
  const due = hasPermission(user.roles, "request.submit") ? [{ status: { in: WAITING_REMOVAL } }] : [];
  return { tenantId: user.tid, OR: [{ requesterOid: user.oid }, { deciderOid: user.oid }, { executorOid: user.oid }, ...due] };
}

// A request the person may open; anyone else's is "not found", as if it did not exist, and
// the refusal is recorded (pages pass no actor: theirs is read from the request served).
export async function getVisibleRequest(user: TSessionUser, id: string, refusal: { actor?: TActorSnapshot; attempted?: TAttempt } = {}) {
  if (!z.uuid().safeParse(id).success) return null;
  const row = await getDb().request.findFirst({ where: { id, ...visibleTo(user) } });
  if (row) return await withExpiry(row);
  const foreign = await getDb().request.findUnique({ where: { id }, select: { id: true, targetMailbox: true } });
  if (foreign) {
    await recordRefusal(user, refusal.actor, {
      attempted: refusal.attempted ?? "request.view",
      because: "the request is not theirs (not asked for, decided or executed by them)",
      subject: { requestId: foreign.id, targetMailbox: foreign.targetMailbox },
    });
  }
  return null;
}

// The request page also shows, to read, a request the person was told about by a notification
// (an approver of a request that waited for them), and no refusal is recorded for it. Acting
// on a request (cancel, revert) keeps to getVisibleRequest.
export async function getReadableRequest(user: TSessionUser, id: string) {
  if (z.uuid().safeParse(id).success && (await wasToldAbout(user, id))) {
    const row = await getDb().request.findFirst({ where: { id, tenantId: user.tid } });
    if (row) return await withExpiry(row);
  }
  return await getVisibleRequest(user, id);
}

// Requests that revert this one, as far as this person may see them.
export async function getRevertLinks(user: TSessionUser, id: string) {
  return await getDb().request.findMany({
    where: { revertOfId: id, ...visibleTo(user) },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
}
