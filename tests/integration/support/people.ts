import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";

// A signed-in portal user as the session gives one, named by UPN (its oid derived from it).
export const person = (upn: string, roles: TSessionUser["roles"]): TSessionUser => ({ oid: `${upn}-oid`, tid: "tid", upn, name: upn, roles });

// The audit actor a server action builds from the session; a test has no client IP or user agent.
export const actorOf = (u: Pick<TSessionUser, "oid" | "upn" | "name" | "roles">) => ({ oid: u.oid, upn: u.upn, name: u.name, roles: [...u.roles], ip: null, userAgent: null });

// Whether these actions wait for approval, written straight to the database before a file's
// requests (the admin's setActionPolicy also writes an audit event; tests that are not about
// the policy itself do not want one).
export async function setApprovalRequired(requiresApproval: boolean, actionIds: Iterable<string>, updatedByUpn = "test"): Promise<void> {
  for (const actionId of actionIds) {
    await getDb().approvalPolicy.upsert({ where: { actionId }, create: { actionId, requiresApproval, pendingHours: 72, updatedByUpn }, update: { requiresApproval } });
  }
}
