import "server-only";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db";

export async function listMyRequests(user: TSessionUser, take = 100) {
  return await getDb().request.findMany({
    where: { requesterOid: user.oid, tenantId: user.tid },
    orderBy: { createdAt: "desc" },
    take,
  });
}

export async function getMyRequest(user: TSessionUser, id: string) {
  return await getDb().request.findFirst({ where: { id, requesterOid: user.oid, tenantId: user.tid } });
}
