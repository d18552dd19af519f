import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { getVisibleRequest } from "./list-requests";
import { recordRefusal } from "./record-refusal";
import { WAITING_REMOVAL } from "./schedule-removal";
import { transitionRequest } from "./transition-request";
import { formatUtcMinute } from "@/lib/time/format";

// A time-bound grant's end moved: its waiting removal is due at the new end (a due one waits
// again), and the grant shows it; both in one transaction with the audit event. An approved
// grant's end may only come earlier.
export async function changeRemovalEnd(input: { user: TSessionUser; actor: TActorSnapshot; grantId: string; until: Date; now?: Date }): Promise<void> {
  const { user, actor, until } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "removal.reschedule", because: "only people who submit changes may change a grant's end" });
    throw new AppError("FORBIDDEN");
  }
  const grant = await getVisibleRequest(user, input.grantId, { actor, attempted: "removal.reschedule" });
  if (!grant) throw new AppError("NOT_FOUND");
  if (until.getTime() <= (input.now ?? new Date()).getTime()) throw new AppError("INVALID_INPUT", undefined, { until: ["Choose an end in the future."] });
  const db = getDb();
  const removal = await db.request.findFirst({ where: { removalOfId: grant.id, status: { in: WAITING_REMOVAL } } });
  if (!removal) throw new AppError("CONFLICT", "This grant has no removal waiting any more (it ran, or the right was removed or changed since), so its end cannot be changed here.");
  // An approver decided this grant with its end: a later one is a new decision (a new request,
  // which meets the policy); an earlier one only takes access away sooner.
  if (grant.deciderOid && removal.dueAt && until > removal.dueAt) {
    throw new AppError("INVALID_INPUT", undefined, {
      until: [`${grant.deciderName ?? "An approver"} approved this grant until ${formatUtcMinute(removal.dueAt)} UTC. You can bring the end earlier here; for a later end, ask for a new grant, which goes to an approver.`],
    });
  }
  await db.$transaction(async (tx) => {
    const data = { grant: grant.id, from: removal.dueAt?.toISOString() ?? "", to: until.toISOString() };
    await transitionRequest(tx, removal, "reschedule", { dueAt: until, errorKind: null, errorMessage: null }, { type: "removal.rescheduled", data }, actor);
    await tx.request.update({ where: { id: grant.id }, data: { until } });
  });
}
