import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";

// Pending requests that this approver may decide: their tenant's, everyone's but their own, not
// yet overdue.
const awaitingDecisionOf = (user: TSessionUser) => ({ tenantId: user.tid, status: "PENDING_APPROVAL" as const, requesterOid: { not: user.oid }, expiresAt: { gt: new Date() } });

export async function countAwaitingDecision(user: TSessionUser): Promise<number> {
  if (!hasPermission(user.roles, "request.approve")) return 0;
  return await getDb().request.count({ where: awaitingDecisionOf(user) });
}

export async function listAwaitingDecision(user: TSessionUser) {
  return await getDb().request.findMany({
    where: awaitingDecisionOf(user),
    orderBy: { createdAt: "asc" },
    take: 50,
  });
}
