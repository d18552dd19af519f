import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors";
import { loadRequest } from "./load-request";

// What every decision checks first: an approver, not the requester, on a request still pending.
export function decider(user: TSessionUser) {
  return { deciderOid: user.oid, deciderUpn: user.upn, deciderName: user.name, decidedAt: new Date() };
}

export async function loadPendingForDecision(approver: TSessionUser, requestId: string) {
  if (!hasPermission(approver.roles, "request.approve")) throw new AppError("FORBIDDEN", "Only approvers can decide requests.");
  const request = await loadRequest(requestId);
  if (request.requesterOid === approver.oid) throw new AppError("FORBIDDEN", "You cannot decide your own request; another approver must.");
  if (request.status !== "PENDING_APPROVAL") {
    throw new AppError("CONFLICT", `This request was already ${request.status.toLowerCase().replace("_", " ")}; there is nothing left to decide.`);
  }
  return request;
}
