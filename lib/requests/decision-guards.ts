import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors/app-error";
import { loadRequest } from "./load-request";
import { recordRefusal } from "./record-refusal";

// What every decision checks first: an approver, not the requester, on a request still pending.
export function decider(user: TSessionUser) {
  return { deciderOid: user.oid, deciderUpn: user.upn, deciderName: user.name, decidedAt: new Date() };
}

export async function loadPendingForDecision(approver: TSessionUser, actor: TActorSnapshot, requestId: string, attempted: "request.approve" | "request.reject") {
  if (!hasPermission(approver.roles, "request.approve")) {
    await recordRefusal(approver, actor, { attempted, because: "only approvers decide requests" });
    throw new AppError("FORBIDDEN", "Only approvers can decide requests.");
  }
  const request = await loadRequest(requestId);
  const subject = { requestId: request.id, targetMailbox: request.targetMailbox };
  // Another tenant's request is as missing as one that does not exist.
  if (request.tenantId !== approver.tid) {
    await recordRefusal(approver, actor, { attempted, because: "the request belongs to another tenant", subject });
    throw new AppError("NOT_FOUND", "That request does not exist.");
  }
  if (request.requesterOid === approver.oid) {
    await recordRefusal(approver, actor, { attempted, because: "approvers cannot decide their own request", subject });
    throw new AppError("FORBIDDEN", "You cannot decide your own request; another approver must.");
  }
  if (request.status !== "PENDING_APPROVAL") {
    throw new AppError("CONFLICT", `This request was already ${request.status.toLowerCase().replace("_", " ")}; there is nothing left to decide.`);
  }
  return request;
}
