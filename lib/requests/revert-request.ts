import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { AppError } from "@/lib/errors/app-error";
import { getVisibleRequest } from "./list-requests";
import { recordRefusal } from "./record-refusal";
import { submitRequest, type TSubmitResult } from "./submit-request";

// Undo a change that succeeded: the catalogue action's inverse, built from the state read
// before the change, submitted as a new request that meets the same policy and approval.
export async function revertRequest(input: {
  user: TSessionUser;
  actor: TActorSnapshot;
  ex: TExchange;
  requestId: string;
  reason?: string;
}): Promise<TSubmitResult> {
  if (!hasPermission(input.user.roles, "request.submit")) {
    await recordRefusal(input.user, input.actor, { attempted: "request.revert", because: "only people who submit changes may revert one" });
    throw new AppError("FORBIDDEN");
  }
  const original = await getVisibleRequest(input.user, input.requestId, { actor: input.actor, attempted: "request.revert" });
  if (!original) throw new AppError("NOT_FOUND");
  if (original.status !== "SUCCEEDED") throw new AppError("CONFLICT", "Only a change that succeeded can be reverted.");
  const action = findAction(original.action);
  if (!action) throw new AppError("NOT_FOUND", "That action is no longer in ExoDesk's catalogue, so it cannot be reverted here.");
  if (original.before === null) {
    throw new AppError("CONFLICT", "ExoDesk could not read the mailbox before this change, so it does not know what to restore. Change it by hand.");
  }
  // Stored as validated when submitted; not re-validated, since a schedule that has ended
  // since is still a change that can be undone.
  const params = original.parameters as Parameters<typeof action.isApplied>[0];
  if (action.isApplied(params, original.before)) {
    throw new AppError("CONFLICT", "Nothing to revert: the mailbox was already like this before the request ran.");
  }
  const inverse = action.inverse(params, original.before);
  try {
    return await submitRequest({
      user: input.user,
      actor: input.actor,
      ex: input.ex,
      actionId: inverse.actionId,
      rawParams: inverse.params,
      reason: input.reason,
      revertOf: original.id,
      scheduleZone: original.scheduleZone,
    });
  } catch (e) {
    // The inverse is built, not typed: a field error (other than the reason) is about the
    // earlier state itself, e.g. a schedule that has ended since.
    const fields = e instanceof AppError && e.code === "INVALID_INPUT" ? Object.entries(e.fieldErrors ?? {}).filter(([k]) => k !== "reason") : [];
    if (fields.length > 0) throw new AppError("CONFLICT", `The earlier state cannot be restored as it was: ${fields[0]![1][0]}`);
    throw e;
  }
}
