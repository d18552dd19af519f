import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { assertLengths } from "@/lib/forms/assert-lengths";
import { decider, loadPendingForDecision } from "./decision-guards";
import { transitionRequest } from "./transition-request";

export async function rejectRequest(input: { approver: TSessionUser; actor: TActorSnapshot; requestId: string; reason: string }): Promise<void> {
  assertLengths({ reason: input.reason });
  const reason = input.reason.trim();
  if (!reason) throw new AppError("INVALID_INPUT", undefined, { reason: ["Say why you reject it; the requester reads this."] });
  const request = await loadPendingForDecision(input.approver, input.actor, input.requestId, "request.reject");
  await getDb().$transaction((tx) =>
    transitionRequest(tx, request, "reject", { ...decider(input.approver), decisionComment: reason }, { type: "request.rejected", data: { reason } }, input.actor),
  );
}
