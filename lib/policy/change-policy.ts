import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { defaultPolicy } from "./decide-approval";

// Admins change approval policy; every change is audited with what it was and what it became.
function assertAdmin(admin: TSessionUser) {
  if (!hasPermission(admin.roles, "policy.edit")) throw new AppError("FORBIDDEN", "Only admins can change approval policies.");
}

export const ZActionPolicy = z.object({
  actionId: z.string(),
  requiresApproval: z.boolean(),
  pendingHours: z.coerce.number().int("Whole hours only.").min(1, "At least 1 hour.").max(720, "At most 720 hours (30 days)."),
});

export async function setActionPolicy(admin: TSessionUser, actor: TActorSnapshot, input: unknown): Promise<void> {
  assertAdmin(admin);
  const parsed = ZActionPolicy.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, { pendingHours: parsed.error.issues.map((i) => i.message) });
  const { actionId, requiresApproval, pendingHours } = parsed.data;
  const action = findAction(actionId);
  if (!action) throw new AppError("NOT_FOUND", "That action is not in ExoDesk's catalogue.");
  await getDb().$transaction(async (tx) => {
    const row = await tx.approvalPolicy.findUnique({ where: { actionId } });
    const before = row ? { requiresApproval: row.requiresApproval, pendingHours: row.pendingHours } : { ...defaultPolicy(action.risk), default: true };
    const after = { requiresApproval, pendingHours };
    await tx.approvalPolicy.upsert({ where: { actionId }, create: { actionId, ...after, updatedByUpn: admin.upn }, update: { ...after, updatedByUpn: admin.upn } });
    await writeAudit(tx, { type: "policy.changed", data: { subject: `action:${actionId}`, before, after } }, actor);
  });
}

export const ZProtectedTarget = z.object({
  kind: z.enum(["MAILBOX", "DEPARTMENT"], "Choose a mailbox or a department."),
  value: z.string().trim().min(1, "Enter an address or a department name.").max(256),
});

export async function addProtectedTarget(admin: TSessionUser, actor: TActorSnapshot, input: unknown): Promise<void> {
  assertAdmin(admin);
  const parsed = ZProtectedTarget.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, { value: parsed.error.issues.map((i) => i.message) });
  const { kind, value } = parsed.data;
  await getDb().$transaction(async (tx) => {
    if (await tx.protectedTarget.findUnique({ where: { kind_value: { kind, value } } })) throw new AppError("CONFLICT", `${value} is already protected.`);
    await tx.protectedTarget.create({ data: { kind, value, createdByUpn: admin.upn } });
    await writeAudit(tx, { type: "policy.changed", data: { subject: `protected:${kind}`, before: null, after: value } }, actor);
  });
}

export async function removeProtectedTarget(admin: TSessionUser, actor: TActorSnapshot, id: string): Promise<void> {
  assertAdmin(admin);
  await getDb().$transaction(async (tx) => {
    const row = await tx.protectedTarget.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", "That protection was already removed.");
    await tx.protectedTarget.delete({ where: { id } });
    await writeAudit(tx, { type: "policy.changed", data: { subject: `protected:${row.kind}`, before: row.value, after: null } }, actor);
  });
}
