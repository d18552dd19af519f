import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notifyBulkWaiting, notifyRequest } from "./notify-request";

export type TNewRequest = {
  id: string;
  tenantId: string;
  requester: { oid: string; upn: string; name: string };
  action: string;
  targetMailbox: string;
  targetDisplayName: string | null;
  // A delegate change's person, as the directory names them (for the words pages show).
  trusteeDisplayName?: string | null;
  // The zone an automatic-reply schedule was written in, for showing its times.
  scheduleZone?: string | null;
  // As validated, with the mailbox resolved to its address.
  parameters: Record<string, unknown> & { identity: string };
  reason: string | null;
  // Waiting for an approver until `expiresAt`, or queued to run (a direct change is started in
  // the same transaction: execute-request.ts), or scheduled (schedule-removal.ts): the removal
  // of a time-bound grant, waiting for its end, or a grant waiting for its start.
  status: "PENDING_APPROVAL" | "QUEUED" | "SCHEDULED";
  expiresAt: Date | null;
  // Set for a mailbox of a bulk change (attempt > 1: a retry of a failed one).
  bulkId?: string;
  // Set for a part of an absence cover (submit-absence-cover.ts).
  coverId?: string;
  attempt?: number;
  // The succeeded request this one undoes.
  revertOf?: string;
  // Time-bound access: a grant's end; or the grant a removal ends, and when it is due; a grant's
  // start (dueAt, removalOf unset).
  until?: Date | null;
  removalOf?: string;
  dueAt?: Date;
  // A scheduled change (a grant waiting for its start, a removal waiting for its end): whose
  // token it will run with.
  executor?: { oid: string; upn: string };
};

// New requests, each with its request.submitted audit event, in the caller's transaction: a
// request never exists without the record of who asked for it and why. One insert for them all
// (a bulk change has thousands); the audit events follow one after another, as the chain needs.
export async function createRequests(tx: Prisma.TransactionClient, requests: readonly TNewRequest[], actor: TActorSnapshot | null): Promise<void> {
  await tx.request.createMany({
    data: requests.map((r) => ({
      id: r.id,
      bulkId: r.bulkId,
      coverId: r.coverId,
      attempt: r.attempt,
      tenantId: r.tenantId,
      requesterOid: r.requester.oid,
      requesterUpn: r.requester.upn,
      requesterName: r.requester.name,
      action: r.action,
      targetMailbox: r.targetMailbox,
      targetDisplayName: r.targetDisplayName,
      trusteeDisplayName: r.trusteeDisplayName,
      scheduleZone: r.scheduleZone,
      parameters: r.parameters as Prisma.InputJsonValue,
      reason: r.reason,
      revertOfId: r.revertOf,
      until: r.until,
      removalOfId: r.removalOf,
      dueAt: r.dueAt,
      executorOid: r.executor?.oid,
      executorUpn: r.executor?.upn,
      status: r.status,
      expiresAt: r.expiresAt,
    })),
  });
  for (const r of requests) {
    const data = {
      action: r.action,
      parameters: r.parameters,
      needsApproval: r.status === "PENDING_APPROVAL",
      reason: r.reason,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      revertOf: r.revertOf,
      bulkId: r.bulkId,
      coverId: r.coverId,
      attempt: r.attempt,
      until: r.until?.toISOString(),
      removalOf: r.removalOf,
      dueAt: r.dueAt?.toISOString(),
    };
    await writeAudit(tx, { type: "request.submitted", data }, actor, { requestId: r.id, targetMailbox: r.targetMailbox, action: r.action, status: r.status });
  }
  // A retry reopens its bulk change: the owner is told again when the new attempts end.
  const bulkIds = [...new Set(requests.flatMap((r) => (r.bulkId ? [r.bulkId] : [])))];
  if (bulkIds.length > 0) await tx.bulk.updateMany({ where: { id: { in: bulkIds }, finishedAt: { not: null } }, data: { finishedAt: null } });
  // The approvers hear of what waits for them: each request, or a bulk change's waiting mailboxes at once.
  const waiting = requests.filter((r) => r.status === "PENDING_APPROVAL");
  for (const r of waiting) if (!r.bulkId) await notifyRequest(tx, r.id);
  const bulkWaiting = waiting.filter((r) => r.bulkId);
  if (bulkWaiting[0]) {
    const { tenantId, requester, action } = bulkWaiting[0];
    await notifyBulkWaiting(tx, { tid: tenantId, requester, action, count: bulkWaiting.length });
  }
}
