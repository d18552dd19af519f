import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { AppError } from "@/lib/errors/app-error";
import { describeStatus } from "@/lib/workflow/request-status";
import { executeRequest, type TOutcome } from "./execute-request";
import { loadRequest } from "./load-request";
import { recordRefusal } from "./record-refusal";

// "Remove now" on a due removal its grant's executor could not run: any helpdesk person runs it
// with their own token, so Exchange decides whether they may. Refused, it stays due (the
// outcome says why); the first who succeeds ends it, a second click is a CONFLICT.
export async function removeNow(input: { user: TSessionUser; actor: TActorSnapshot; ex: TExchange; requestId: string }): Promise<TOutcome> {
  const { user, actor } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "removal.run", because: "only people who submit changes may run a due removal" });
    throw new AppError("FORBIDDEN");
  }
  const removal = await loadRequest(input.requestId);
  if (removal.tenantId !== user.tid || !removal.removalOfId) throw new AppError("NOT_FOUND", "That removal does not exist.");
  if (removal.status !== "NEEDS_SOMEONE") {
    throw new AppError("CONFLICT", `This removal is not waiting for someone any more: it is ${describeStatus(removal.status).label.toLowerCase()}.`);
  }
  const action = findAction(removal.action);
  if (!action) throw new AppError("NOT_FOUND", "That action is no longer in ExoDesk's catalogue.");
  return await executeRequest({
    request: removal,
    action,
    params: removal.parameters as { identity: string },
    executor: user,
    ex: input.ex,
    actor,
    removal: "by a helpdesk person after the original executor could not",
  });
}
