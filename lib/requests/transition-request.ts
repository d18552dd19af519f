import "server-only";
import type { TActorSnapshot, TAuditEvent } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TRequestStatus } from "@/lib/workflow/request-status";
import { IllegalTransitionError, transition, type TRequestEvent } from "@/lib/workflow/state-machine";
import { notifyRequest } from "./notify-request";

// The states a requester may need to hear of (notify-request.ts says when they do).
const TOLD: ReadonlySet<TRequestStatus> = new Set(["REJECTED", "EXPIRED", "SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "NEEDS_SOMEONE"]);

type TMovable = { id: string; status: TRequestStatus; targetMailbox: string; action: string };

// One step of a request's life inside the caller's transaction: the table says whether the
// move is legal, the update only applies if nobody moved the request first, and the audit
// event and the notifications it causes commit with it.
export async function transitionRequest(
  tx: Prisma.TransactionClient,
  request: TMovable,
  event: TRequestEvent,
  data: Omit<Prisma.RequestUpdateManyMutationInput, "status">,
  audit: TAuditEvent,
  actor: TActorSnapshot | null,
): Promise<TRequestStatus> {
  let next: TRequestStatus;
  try {
    next = transition(request.status, event);
  } catch (e) {
    if (e instanceof IllegalTransitionError) throw new AppError("CONFLICT", e.message);
    throw e;
  }
  const updated = await tx.request.updateMany({ where: { id: request.id, status: request.status }, data: { ...data, status: next } });
  if (updated.count !== 1) throw new AppError("CONFLICT", "Someone else acted on this request first. Reload to see what happened.");
  await writeAudit(tx, audit, actor, { requestId: request.id, targetMailbox: request.targetMailbox, action: request.action, status: next });
  if (TOLD.has(next)) await notifyRequest(tx, request.id);
  return next;
}
