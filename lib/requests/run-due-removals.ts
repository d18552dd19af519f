import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { toActingUser } from "@/lib/auth/acting-user";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { log } from "@/lib/log/logger";
import { executeRequest, SCHEDULED_RUN, toErrorRecord } from "./execute-request";
import { describeHandOver } from "./schedule-removal";
import { transitionRequest } from "./transition-request";

type TExchangeFor = (user: TSessionUser) => Promise<TExchange>;

// The audit's actor for a scheduled run: the grant's executor, whose token it runs with (no
// app roles: a job never holds one, see acting-user.ts).
function actorFor(executor: { oid: string; upn: string }): TActorSnapshot {
  return { oid: executor.oid, upn: executor.upn, name: executor.upn, roles: [], ip: null, userAgent: null };
}

// Runs the removals of time-bound grants whose end has come, each as the person who executed
// its grant, with their own delegated token from their encrypted cache (renewed silently). The
// claim is executeRequest's conditional move out of SCHEDULED, so with several portal
// instances sweeping at once each removal runs exactly once; the others see a CONFLICT and
// leave it. When no token can be had for that person, or Exchange refuses them, the removal
// stays due and goes to the helpdesk (NEEDS_SOMEONE), with why.
export async function runDueRemovals(exchangeFor: TExchangeFor = createExchangeForUser, now = new Date()): Promise<{ ran: number; handedOver: number }> {
  const db = getDb();
  const due = await db.request.findMany({ where: { status: "SCHEDULED", dueAt: { lte: now } }, orderBy: { dueAt: "asc" }, take: 50 });
  const grants = await db.request.findMany({
    where: { id: { in: due.map((r) => r.removalOfId).filter((id): id is string => id !== null) } },
    select: { id: true, executorOid: true, executorUpn: true },
  });
  let ran = 0;
  let handedOver = 0;
  for (const removal of due) {
    const grant = grants.find((g) => g.id === removal.removalOfId);
    const action = findAction(removal.action);
    const executor = grant?.executorOid && grant.executorUpn ? { oid: grant.executorOid, upn: grant.executorUpn } : null;
    let ex: TExchange;
    try {
      if (!action) throw new AppError("NOT_FOUND", "Its action is no longer in ExoDesk's catalogue.");
      if (!executor) throw new AppError("NOT_FOUND", "ExoDesk has no record of who ran the grant.");
      ex = await exchangeFor(toActingUser({ ...executor, tid: removal.tenantId }));
    } catch (e) {
      const error = toErrorRecord(e);
      // Entra ID out of reach for a moment: the next sweep tries again.
      if (error.kind === "unavailable") {
        log.warn({ requestId: removal.id }, "due removal waits: Microsoft Entra ID could not be reached");
        continue;
      }
      // Otherwise never left waiting silently: whatever stops it from running as planned hands it over.
      const why = describeHandOver(error, executor?.upn ?? "the person who ran the grant");
      try {
        await db.$transaction((tx) =>
          transitionRequest(
            tx,
            removal,
            "hand-over",
            { executorOid: executor?.oid, executorUpn: executor?.upn, errorKind: error.kind, errorMessage: why },
            { type: "removal.needs-someone", data: { executorUpn: executor?.upn ?? "unknown", why } },
            null,
          ),
        );
        handedOver++;
      } catch {
        // Another instance acted on it first.
      }
      continue;
    }
    try {
      const outcome = await executeRequest({
        request: removal,
        action,
        params: removal.parameters as { identity: string },
        executor,
        ex,
        actor: actorFor(executor),
        removal: SCHEDULED_RUN,
      });
      if (outcome.status === "NEEDS_SOMEONE") handedOver++;
      else ran++;
    } catch (e) {
      // Claimed by another instance first (CONFLICT): it runs there, once.
      if (!(e instanceof AppError && e.code === "CONFLICT")) log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, requestId: removal.id }, "due removal failed");
    }
  }
  return { ran, handedOver };
}
