import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { loadRequest } from "./load-request";
import { transitionRequest } from "./transition-request";
import { recordRefusal } from "./record-refusal";

// Only the requester, only while pending, or (a grant waiting for its start) scheduled or due
// (the transition table refuses anything else).
export async function cancelRequest(input: { user: TSessionUser; actor: TActorSnapshot; requestId: string }): Promise<void> {
  const request = await loadRequest(input.requestId);
  if (request.requesterOid !== input.user.oid || request.tenantId !== input.user.tid) {
    await recordRefusal(input.user, input.actor, { attempted: "request.cancel", because: "only the requester may cancel a request", subject: { requestId: request.id, targetMailbox: request.targetMailbox } });
    throw new AppError("NOT_FOUND", "That request does not exist.");
  }
  // A time-bound grant's removal ends with its grant: its end is changed on the grant's page.
  if (request.removalOfId) throw new AppError("CONFLICT", "This removal ends a time-bound grant: change the end on the grant's page, or remove the right.");
  await getDb().$transaction((tx) => transitionRequest(tx, request, "cancel", { decidedAt: new Date() }, { type: "request.cancelled", data: {} }, input.actor));
}
