import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot, TAuditEvent } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { sameIdentity } from "@/lib/exchange/identity";
import { RIGHT_ACTIONS, removedKindOf, rightKindOf } from "@/lib/cmdlets/right-kinds";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TRequestStatus } from "@/lib/workflow/request-status";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { formatUtcMinute } from "@/lib/time/format";
import { createRequests } from "./create-requests";
import { transitionRequest } from "./transition-request";

// Why a due removal did not run as the person who ran its grant, in the words the queue and
// the audit show: Exchange's own refusal, or that their sign-in could not be renewed.
export function describeHandOver(error: { kind: string; message: string }, executorUpn: string): string {
  if (error.kind === "reauth_required") return `The sign-in of ${executorUpn} could not be renewed (Microsoft asks them to sign in again), so ExoDesk cannot act as them.`;
  return error.message;
}

// The audit event of a scheduled change handed over to the helpdesk: who it was to run as, and why not.
export function handOverEvent(grant: boolean, data: { executorUpn: string; why: string }): TAuditEvent {
  return grant ? { type: "grant.needs-someone", data } : { type: "removal.needs-someone", data };
}

// A scheduled change still to run (a removal waiting for its end, a grant for its start), or
// due and waiting for someone.
export const WAITING_REMOVAL: TRequestStatus[] = ["SCHEDULED", "NEEDS_SOMEONE"];

// A grant that waits for its start (its dueAt), to run then as `executor`: the submitter of a
// direct one (created SCHEDULED), or the approver of one approved before its start (moved to
// SCHEDULED here). In the caller's transaction, audited.
export async function scheduleGrant(
  tx: Prisma.TransactionClient,
  request: { id: string; status: TRequestStatus; targetMailbox: string; action: string; dueAt?: Date | null },
  executor: { oid: string; upn: string },
  actor: TActorSnapshot,
): Promise<void> {
  const data = { dueAt: request.dueAt!.toISOString(), executorUpn: executor.upn };
  const audit = { type: "grant.scheduled" as const, data };
  if (request.status === "SCHEDULED") {
    await writeAudit(tx, audit, actor, { requestId: request.id, targetMailbox: request.targetMailbox, action: request.action, status: "SCHEDULED" });
    return;
  }
  await transitionRequest(tx, request, "schedule", { executorOid: executor.oid, executorUpn: executor.upn }, audit, actor);
}

// A grant waiting for its start whose end came first (it waited for someone, or the sweep was
// late): it is never made, so it cannot give access after its window. Cancelled, audited, in a
// transaction of its own; false when another instance acted on it first.
export async function cancelOverdueGrant(grant: { id: string; status: TRequestStatus; targetMailbox: string; action: string; until: Date | null }): Promise<boolean> {
  const because = `Its end (${formatUtcMinute(grant.until)} UTC) came before it could run, so it was not made.`;
  try {
    await getDb().$transaction((tx) => transitionRequest(tx, grant, "cancel", { errorKind: "ended", errorMessage: because }, { type: "request.cancelled", data: { because } }, null));
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === "CONFLICT") return false;
    throw e;
  }
}

type TSucceeded = {
  id: string;
  tenantId: string;
  action: string;
  parameters: Prisma.JsonValue;
  targetMailbox: string;
  targetDisplayName: string | null;
  trusteeDisplayName: string | null;
  requesterOid: string;
  requesterUpn: string;
  requesterName: string;
  revertOfId: string | null;
  until: Date | null;
};

function because(r: TSucceeded): string {
  if (r.revertOfId) return "The grant was reverted";
  if (removedKindOf(r.action)) return "The right was removed before its end";
  return r.until ? "The right was granted again with another end" : "The right was granted again without an end";
}

// After a delegate change succeeded, in its transaction: removals still waiting for the same
// right (mailbox, person) are not needed any more, since this change decides now (an early
// removal, a revert, a new grant); a grant with an end schedules its own removal, a normal
// request of the remove action, due at that end, asked for by the grant's requester.
// Any other change (an automatic reply) is not read again for it.
export async function settleTimeBoundRight(tx: Prisma.TransactionClient, request: { id: string; action: string }, actor: TActorSnapshot | null): Promise<void> {
  const kind = rightKindOf(request.action);
  if (!kind) return;
  const removal = RIGHT_ACTIONS[kind].remove;
  const r = await tx.request.findUniqueOrThrow({ where: { id: request.id } });
  const trustee = (r.parameters as { trustee?: unknown }).trustee;
  if (typeof trustee !== "string") return;
  const waiting = await tx.request.findMany({
    where: { tenantId: r.tenantId, action: removal, targetMailbox: { equals: r.targetMailbox, mode: "insensitive" }, status: { in: WAITING_REMOVAL }, NOT: { id: r.id } },
  });
  for (const w of waiting.filter((w) => sameIdentity(String((w.parameters as { trustee?: unknown }).trustee), trustee))) {
    await transitionRequest(tx, w, "cancel", {}, { type: "removal.cancelled", data: { because: because(r), by: r.id } }, actor);
  }
  if (removal === r.action || !r.until) return;
  await createRequests(
    tx,
    [
      {
        id: randomUUID(),
        tenantId: r.tenantId,
        requester: { oid: r.requesterOid, upn: r.requesterUpn, name: r.requesterName },
        action: removal,
        targetMailbox: r.targetMailbox,
        targetDisplayName: r.targetDisplayName,
        trusteeDisplayName: r.trusteeDisplayName,
        // Its time is worded in the mailbox's zone, as the grant's end is.
        scheduleZone: r.scheduleZone,
        parameters: { identity: r.targetMailbox, trustee },
        reason: `The end of a time-bound grant (request ${r.id}).`,
        status: "SCHEDULED",
        expiresAt: null,
        removalOf: r.id,
        dueAt: r.until,
        // It runs as the person who ran the grant: their token cache is kept for it (session-store.ts).
        executor: r.executorOid && r.executorUpn ? { oid: r.executorOid, upn: r.executorUpn } : undefined,
      },
    ],
    actor,
  );
}
