import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";

// Pending requests that this approver may decide: everyone's but their own, not yet overdue.
export async function countAwaitingDecision(user: TSessionUser): Promise<number> {
  if (!hasPermission(user.roles, "request.approve")) return 0;
  return await getDb().request.count({ where: { status: "PENDING_APPROVAL", requesterOid: { not: user.oid }, expiresAt: { gt: new Date() } } });
}

export async function listAwaitingDecision(user: TSessionUser) {
  return await getDb().request.findMany({
    where: { status: "PENDING_APPROVAL", requesterOid: { not: user.oid }, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
}
