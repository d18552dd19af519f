import "server-only";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db";
import type { RequestStatus } from "@/lib/generated/prisma/client";
import { expireIfOverdue } from "./expire-requests";

// The requester's own requests; a pending one past its limit is shown (and stored) as expired.
async function withExpiry<T extends { id: string; status: RequestStatus; targetMailbox: string; expiresAt: Date | null }>(r: T): Promise<T> {
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

// A request the person asked for, decided or executed; anyone else's is "not found".
export async function getVisibleRequest(user: TSessionUser, id: string) {
  const row = await getDb().request.findFirst({
    where: { id, tenantId: user.tid, OR: [{ requesterOid: user.oid }, { deciderOid: user.oid }, { executorOid: user.oid }] },
  });
  return row ? await withExpiry(row) : null;
}
