import "server-only";
import { toActingUser } from "@/lib/auth/acting-user";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { settleTimeBoundRight } from "./schedule-removal";
import { transitionRequest } from "./transition-request";

type TExchangeFor = (user: TSessionUser) => Promise<TExchange>;

// A request left EXECUTING past its lease belongs to a process that died: its outcome is
// unknown until the mailbox is read.
export async function markInterruptedExecutions(now = new Date()): Promise<number> {
  const db = getDb();
  const where: Prisma.RequestWhereInput = { status: "EXECUTING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const stale = await db.request.findMany({ where, take: 500, orderBy: { startedAt: "asc" } });
  let marked = 0;
  for (const r of stale) {
    try {
      await db.$transaction((tx) =>
        transitionRequest(
          tx,
          r,
          "lose-track",
          { errorKind: "interrupted", errorMessage: "ExoDesk stopped before it recorded Exchange's answer; the mailbox will be read to find out what happened." },
          { type: "execution.interrupted", data: { clientRequestId: r.clientRequestId, reason: "The process running the change stopped before it recorded Exchange's answer." } },
          null,
        ),
      );
      marked++;
    } catch {
      // Finished (or was marked) by someone else meanwhile: that record stands.
    }
  }
  return marked;
}

// Settles unknown outcomes by reading each mailbox back with the executing person's own
// token, and records what was read as the evidence. An interrupted request is read only once
// its lease has passed: a change it had in flight may still land at Exchange until then. One
// that cannot be read yet (the person signed out, Exchange is down) stays unknown and is
// tried again on the next sweep.
export async function reconcileUnknownOutcomes(
  exchangeFor: TExchangeFor = createExchangeForUser,
  now = new Date(),
): Promise<{ settled: number; pending: number }> {
  const db = getDb();
  const unknown = await db.request.findMany({
    where: { status: "OUTCOME_UNKNOWN", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    take: 200,
    orderBy: { startedAt: "asc" },
  });
  let settled = 0;
  for (const r of unknown) {
    const action = findAction(r.action);
    const { executorOid, executorUpn } = r;
    if (!action || !executorOid || !executorUpn) continue;
    const params = r.parameters as { identity: string };
    let state: unknown;
    try {
      const ex = await exchangeFor(toActingUser({ oid: executorOid, tid: r.tenantId, upn: executorUpn }));
      state = await action.readState(ex, params);
    } catch {
      continue;
    }
    const applied = action.isApplied(params, state);
    // A scheduled change (a time-bound grant's removal, a grant that waited for its start: both
    // have a dueAt) that did not happen stays due, for the helpdesk.
    const handOver = !applied && r.dueAt !== null;
    const status = applied ? "SUCCEEDED" : handOver ? "NEEDS_SOMEONE" : "FAILED";
    try {
      await db.$transaction(async (tx) => {
        await transitionRequest(
          tx,
          r,
          applied ? "reconcile-succeeded" : handOver ? "hand-over" : "reconcile-failed",
          {
            after: state as Prisma.InputJsonValue,
            verification: applied ? "VERIFIED" : null,
            errorKind: applied ? null : "not_applied",
            errorMessage: applied
              ? null
              : handOver
                ? "Reading the mailbox back shows the change is not in place; it waits in Due removals for someone to run it."
                : "Reading the mailbox back shows the change is not in place. Submit it again if it is still needed.",
            finishedAt: r.finishedAt ?? new Date(),
          },
          { type: "request.reconciled", data: { status, clientRequestId: r.clientRequestId, readAs: executorUpn, after: state } },
          null,
        );
        if (applied) await settleTimeBoundRight(tx, r, null);
      });
      settled++;
    } catch {
      // Someone else settled it first.
    }
  }
  return { settled, pending: unknown.length - settled };
}
