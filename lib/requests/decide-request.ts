import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/cmdlets/types";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { executeRequest, type TOutcome } from "./execute-request";
import { loadRequest } from "./load-request";
import { moveRequest } from "./move-request";

function decider(user: TSessionUser) {
  return { deciderOid: user.oid, deciderUpn: user.upn, deciderName: user.name, decidedAt: new Date() };
}

async function loadPendingForDecision(approver: TSessionUser, requestId: string) {
  if (!hasPermission(approver.roles, "request.approve")) throw new AppError("FORBIDDEN", "Only approvers can decide requests.");
  const request = await loadRequest(requestId);
  if (request.requesterOid === approver.oid) throw new AppError("FORBIDDEN", "You cannot decide your own request; another approver must.");
  if (request.status !== "PENDING_APPROVAL") {
    throw new AppError("CONFLICT", `This request was already ${request.status.toLowerCase().replace("_", " ")}; there is nothing left to decide.`);
  }
  return request;
}

// Approving runs the change at once, through the same path as direct changes, with the
// approver's own token: Exchange checks the approver's rights and the audit names them.
export async function approveRequest(input: { approver: TSessionUser; actor: TActorSnapshot; ex: TExchange; requestId: string; comment?: string }): Promise<TOutcome> {
  const request = await loadPendingForDecision(input.approver, input.requestId);
  const action = findAction(request.action);
  if (!action) throw new AppError("NOT_FOUND", "That action is no longer in ExoDesk's catalogue.");
  // Validated again: a schedule that was fine when asked for may have ended since.
  const parsed = action.schema.safeParse(request.parameters);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `The request can no longer run as asked: ${parsed.error.issues[0]?.message ?? "its values are invalid"} Reject it and ask for a new one.`);
  const params = parsed.data as { identity: string };
  const clientRequestId = randomUUID();
  const comment = input.comment?.trim() || null;
  const { approver, actor } = input;
  await getDb().$transaction(async (tx) => {
    await moveRequest(tx, request, "approve", { ...decider(approver), decisionComment: comment }, { type: "request.approved", data: { comment } }, actor);
    await moveRequest(
      tx,
      { ...request, status: "APPROVED" },
      "start",
      { executorOid: approver.oid, executorUpn: approver.upn, clientRequestId, startedAt: new Date() },
      { type: "execution.started", data: { action: action.id, clientRequestId } },
      actor,
    );
  });
  return await executeRequest({ requestId: request.id, clientRequestId, action, params, ex: input.ex, actor });
}

export async function rejectRequest(input: { approver: TSessionUser; actor: TActorSnapshot; requestId: string; reason: string }): Promise<void> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("INVALID_INPUT", undefined, { reason: ["Say why you reject it; the requester reads this."] });
  const request = await loadPendingForDecision(input.approver, input.requestId);
  await getDb().$transaction((tx) =>
    moveRequest(tx, request, "reject", { ...decider(input.approver), decisionComment: reason }, { type: "request.rejected", data: { reason } }, input.actor),
  );
}

export async function cancelRequest(input: { user: TSessionUser; actor: TActorSnapshot; requestId: string }): Promise<void> {
  const request = await loadRequest(input.requestId);
  if (request.requesterOid !== input.user.oid) throw new AppError("NOT_FOUND", "That request does not exist.");
  await getDb().$transaction((tx) => moveRequest(tx, request, "cancel", { decidedAt: new Date() }, { type: "request.cancelled", data: {} }, input.actor));
}

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
