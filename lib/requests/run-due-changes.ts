import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { toActingUser } from "@/lib/auth/acting-user";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { removalActionOf } from "@/lib/cmdlets/right-kinds";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { log } from "@/lib/log/logger";
import { executeRequest, toErrorRecord } from "./execute-request";
import { cancelOverdueGrant, describeHandOver, handOverEvent } from "./schedule-removal";
import { transitionRequest } from "./transition-request";

type TExchangeFor = (user: TSessionUser) => Promise<TExchange>;

// The audit's actor for a scheduled run: the person planned, whose token it runs with (no app
// roles: a job never holds one, see acting-user.ts).
function actorFor(executor: { oid: string; upn: string }): TActorSnapshot {
  return { oid: executor.oid, upn: executor.upn, name: executor.upn, roles: [], ip: null, userAgent: null };
}

// Runs the scheduled changes whose time has come, each as the person planned for it, with their
// own delegated token from their encrypted cache (renewed silently): the removal of a time-bound
// grant at its end, as the person who executed the grant; a grant that waited for its start, as
// the person who asked for it (a direct one) or approved it. The claim is executeRequest's
// conditional move out of SCHEDULED, so with several portal instances sweeping at once each runs
// exactly once; the others see a CONFLICT and leave it. When no token can be had for that
// person, or Exchange refuses them, the change stays due and goes to the helpdesk
// (NEEDS_SOMEONE), with why.
export async function runDueChanges(exchangeFor: TExchangeFor = createExchangeForUser, now = new Date()): Promise<{ ran: number; handedOver: number }> {
  const db = getDb();
  const due = await db.request.findMany({ where: { status: "SCHEDULED", dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: 50 });
  let ran = 0;
  let handedOver = 0;
  for (const change of due) {
    // Each runs as the person it was scheduled for: a removal, its grant's executor; a grant, its
    // submitter or approver (schedule-removal.ts).
    const action = findAction(change.action);
    const executor = change.executorOid && change.executorUpn ? { oid: change.executorOid, upn: change.executorUpn } : null;
    const grant = removalActionOf(change.action) !== null;
    // A grant whose end came before it could run is not made at all.
    if (grant && change.until && change.until <= now) {
      await cancelOverdueGrant(change);
      continue;
    }
    let ex: TExchange;
    try {
      if (!action) throw new AppError("NOT_FOUND", "Its action is no longer in ExoDesk's catalogue.");
      if (!executor) throw new AppError("NOT_FOUND", grant ? "ExoDesk has no record of who the grant was to run as." : "ExoDesk has no record of who ran the grant.");
      ex = await exchangeFor(toActingUser({ ...executor, tid: change.tenantId }));
    } catch (e) {
      const error = toErrorRecord(e);
      // Entra ID out of reach for a moment: the next sweep tries again.
      if (error.kind === "unavailable") {
        log.warn({ requestId: change.id }, "due change waits: Microsoft Entra ID could not be reached");
        continue;
      }
      // Otherwise never left waiting silently: whatever stops it from running as planned hands it over.
      const executorUpn = executor?.upn ?? (grant ? "the person it was to run as" : "the person who ran the grant");
      const why = describeHandOver(error, executorUpn);
      try {
        await db.$transaction((tx) =>
          transitionRequest(
            tx,
            change,
            "hand-over",
            { executorOid: executor?.oid, executorUpn: executor?.upn, errorKind: error.kind, errorMessage: why },
            handOverEvent(grant, { executorUpn: executor?.upn ?? "unknown", why }),
            null,
          ),
        );
        handedOver++;
      } catch (e) {
        // Another instance acted on it first (CONFLICT); anything else is worth a line in the log.
        if (!(e instanceof AppError && e.code === "CONFLICT")) log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, requestId: change.id }, "due change could not be handed over");
      }
      continue;
    }
    try {
      const outcome = await executeRequest({
        request: change,
        action,
        params: change.parameters as { identity: string },
        executor,
        ex,
        actor: actorFor(executor),
        scheduled: "planned",
      });
      if (outcome.status === "NEEDS_SOMEONE") handedOver++;
      else ran++;
    } catch (e) {
      // Claimed by another instance first (CONFLICT): it runs there, once.
      if (!(e instanceof AppError && e.code === "CONFLICT")) log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, requestId: change.id }, "due change failed");
    }
  }
  return { ran, handedOver };
}
