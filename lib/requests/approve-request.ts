import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors/app-error";
import { assertLengths } from "@/lib/forms/assert-lengths";
import { decider, loadPendingForDecision } from "./decision-guards";
import { executeRequest, tryRead, type TOutcome } from "./execute-request";
import { scheduleGrant } from "./schedule-removal";
import { transitionRequest } from "./transition-request";

// Approving runs the change at once, through the same path as direct changes, with the
// approver's own token: Exchange checks the approver's rights and the audit names them. A grant
// whose start is still ahead is not run but scheduled for it, to run then with the approver's
// token (the sweep, run-due-changes.ts); `scheduled` says when. Approved after its start, it
// runs at once.
export async function approveRequest(input: { approver: TSessionUser; actor: TActorSnapshot; ex: TExchange; requestId: string; comment?: string }): Promise<TOutcome | { scheduled: Date }> {
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
  const approve = (tx: Prisma.TransactionClient, data: { dueAt?: null } = {}) =>
    transitionRequest(tx, request, "approve", { ...decider(approver), decisionComment: comment, ...data }, { type: "request.approved", data: { comment } }, actor);
  const start = request.dueAt;
  if (start && start.getTime() > Date.now()) {
    await getDb().$transaction(async (tx) => {
      await approve(tx);
      await scheduleGrant(tx, { ...request, status: "APPROVED" }, approver, actor);
    });
    return { scheduled: start };
  }
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
    // A start that has passed is no longer waited for: it runs now, not at a time to show.
    prepare: (tx) => approve(tx, start ? { dueAt: null } : {}),
  });
}
