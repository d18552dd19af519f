import "server-only";
import { getDb } from "@/lib/db/client";
import type { TPolicy, TProtectedTarget } from "./decide-approval";

export async function readPolicy(actionId: string): Promise<TPolicy | null> {
  const row = await getDb().approvalPolicy.findUnique({ where: { actionId } });
  return row ? { requiresApproval: row.requiresApproval, pendingHours: row.pendingHours } : null;
}

export async function listProtectedTargets(): Promise<(TProtectedTarget & { id: string })[]> {
  return await getDb().protectedTarget.findMany({ orderBy: [{ kind: "asc" }, { value: "asc" }], select: { id: true, kind: true, value: true } });
}
