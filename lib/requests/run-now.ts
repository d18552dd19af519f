import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { removalActionOf } from "@/lib/cmdlets/right-kinds";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { AppError } from "@/lib/errors/app-error";
import { describeStatus } from "@/lib/workflow/request-status";
import { executeRequest, type TOutcome } from "./execute-request";
import { loadRequest } from "./load-request";
import { cancelOverdueGrant } from "./schedule-removal";
import { formatUtcMinute } from "@/lib/time/format";
import { recordRefusal } from "./record-refusal";

// "Remove now" / "Grant now" on a due scheduled change the person planned could not run (a
// time-bound grant's removal, or a grant that waited for its start): any helpdesk person runs it
// with their own token, so Exchange decides whether they may. Refused, it stays due (the outcome
// says why); the first who succeeds ends it, a second click is a CONFLICT.
export async function runNow(input: { user: TSessionUser; actor: TActorSnapshot; ex: TExchange; requestId: string }): Promise<TOutcome> {
  const { user, actor } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "removal.run", because: "only people who submit changes may run a due change" });
    throw new AppError("FORBIDDEN");
  }
  const change = await loadRequest(input.requestId);
  // Only a scheduled change is ever handed over (NEEDS_SOMEONE): its dueAt says when it fell due.
  if (change.tenantId !== user.tid || !change.dueAt) throw new AppError("NOT_FOUND", "That change does not exist.");
  if (change.status !== "NEEDS_SOMEONE") {
    throw new AppError("CONFLICT", `This change is not waiting for someone any more: it is ${describeStatus(change.status).label.toLowerCase()}.`);
  }
  // A grant whose end has come is not made at all: it would give access after its window.
  if (removalActionOf(change.action) && change.until && change.until <= new Date()) {
    await cancelOverdueGrant(change);
    throw new AppError("CONFLICT", `Its end (${formatUtcMinute(change.until)} UTC) has passed, so it will not be made; it is cancelled.`);
  }
  const action = findAction(change.action);
  if (!action) throw new AppError("NOT_FOUND", "That action is no longer in ExoDesk's catalogue.");
  return await executeRequest({
    request: change,
    action,
    params: change.parameters as { identity: string },
    executor: user,
    ex: input.ex,
    actor,
    scheduled: "helpdesk",
  });
}
