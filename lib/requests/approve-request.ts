import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import { AppError } from "@/lib/errors/app-error";
import { assertLengths } from "@/lib/forms/assert-lengths";
import { decider, loadPendingForDecision } from "./decision-guards";
import { executeRequest, tryRead, type TOutcome } from "./execute-request";
import { transitionRequest } from "./transition-request";

// Approving runs the change at once, through the same path as direct changes, with the
// approver's own token: Exchange checks the approver's rights and the audit names them.
export async function approveRequest(input: { approver: TSessionUser; actor: TActorSnapshot; ex: TExchange; requestId: string; comment?: string }): Promise<TOutcome> {
  assertLengths({ comment: input.comment ?? "" });
  const request = await loadPendingForDecision(input.approver, input.actor, input.requestId, "request.approve");
  const action = findAction(request.action);
  if (!action) throw new AppError("NOT_FOUND", "That action is no longer in ExoDesk's catalogue.");
  // Validated again: a schedule that was fine when asked for may have ended since.
  const parsed = action.schema.safeParse(request.parameters);
  if (!parsed.success) throw new AppError("INVALID_INPUT", `The request can no longer run as asked: ${parsed.error.issues[0]?.message ?? "its values are invalid"} Reject it and ask for a new one.`);
  const params = parsed.data as { identity: string };
  if (request.until && request.until.getTime() <= Date.now()) {
    throw new AppError("CONFLICT", "The end asked for this grant has passed, so it can no longer run as asked. Reject it and ask for a new one.");
  }
  const comment = input.comment?.trim() || null;
  const { approver, actor } = input;
  // The before-read changes nothing: it runs while the approval and the claim commit.
  const ex = rememberStableReads(input.ex);
  const before = tryRead(() => action.readState(ex, params));
  // The approval commits with the start of the run, which uses the approver's own token.
  return await executeRequest({
    request: { ...request, status: "APPROVED" },
    action,
    params,
    executor: approver,
    ex,
    actor,
    before,
    prepare: (tx) => transitionRequest(tx, request, "approve", { ...decider(approver), decisionComment: comment }, { type: "request.approved", data: { comment } }, actor),
  });
}
