import "server-only";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import { expireIfOverdue } from "./expire-requests";

// The requester's own requests; a pending one past its limit is shown (and stored) as expired.
async function withExpiry<T extends { id: string; status: RequestStatus; targetMailbox: string; action: string; expiresAt: Date | null }>(r: T): Promise<T> {
  return { ...r, status: (await expireIfOverdue(r)) as RequestStatus };
}

export async function listMyRequests(user: TSessionUser, take = 100) {
  const rows = await getDb().request.findMany({
    where: { requesterOid: user.oid, tenantId: user.tid },
    orderBy: { createdAt: "desc" },
    take,
  });
  return await Promise.all(rows.map(withExpiry));
}

// The requests a person may open: ones they asked for, decided or executed.
function visibleTo(user: TSessionUser) {
  return { tenantId: user.tid, OR: [{ requesterOid: user.oid }, { deciderOid: user.oid }, { executorOid: user.oid }] };
}

// A request the person may open; anyone else's is "not found".
export async function getVisibleRequest(user: TSessionUser, id: string) {
  const row = await getDb().request.findFirst({ where: { id, ...visibleTo(user) } });
  return row ? await withExpiry(row) : null;
}

// Requests that revert this one, as far as this person may see them.
export async function getRevertLinks(user: TSessionUser, id: string) {
  return await getDb().request.findMany({
    where: { revertOfId: id, ...visibleTo(user) },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
}
