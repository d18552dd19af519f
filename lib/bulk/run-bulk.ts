import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { toActingUser } from "@/lib/auth/acting-user";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { getSetting } from "@/lib/env/settings";
import { AppError } from "@/lib/errors/app-error";
import type { Request } from "@/lib/generated/prisma/client";
import { defineBackgroundJob } from "@/lib/jobs/background";
import { keepLease } from "@/lib/jobs/keep-lease";
import { runPool } from "@/lib/jobs/run-pool";
import { log } from "@/lib/log/logger";
import { executeRequest } from "@/lib/requests/execute-request";

type TExchangeFor = (user: TSessionUser) => Promise<TExchange>;
export type TRunOptions = { exchangeFor?: TExchangeFor; concurrency?: number };
export type TRunSummary = { ran: number; paused: string | null; leased: boolean };

// One instance runs a bulk at a time; if it dies, its lease runs out and another (or the
// restarted one) carries on with the items still queued.
function leaseMs(): number {
  return getSetting("EXODESK_BULK_LEASE_SECONDS") * 1000;
}

const REAUTH = new Set(["REAUTH_REQUIRED", "UNAUTHENTICATED"]);

// Takes the bulk's runner lease when it is free (never taken, released, or run out), or renews
// the one this runner holds (`held`). Returns the lease now held, or null.
async function takeRunnerLease(bulkId: string, held: Date | null): Promise<Date | null> {
  const now = new Date();
  const lease = new Date(now.getTime() + leaseMs());
  const { count } = await getDb().bulk.updateMany({
    where: held ? { id: bulkId, runnerLeaseUntil: held } : { id: bulkId, OR: [{ runnerLeaseUntil: null }, { runnerLeaseUntil: { lt: now } }] },
    data: { runnerLeaseUntil: lease },
  });
  return count === 1 ? lease : null;
}

// Queued items in a stable order, a page at a time, skipping those this runner already took.
async function* queuedItems(bulkId: string) {
  let after = "";
  for (;;) {
    const page = await getDb().request.findMany({
      where: { bulkId, status: "QUEUED", targetMailbox: { gt: after } },
      orderBy: { targetMailbox: "asc" },
      take: 200,
    });
    if (page.length === 0) return;
    yield* page;
    after = page.at(-1)!.targetMailbox;
  }
}

// Runs a bulk's queued items until none is left, with the requester's own token (Exchange
// RBAC decides per mailbox, as for a single change). Each item is claimed by a conditional
// move QUEUED → EXECUTING written with its audit event before Exchange is called, so an item
// runs at most once whatever instance or restart picks the bulk up; one that a crash left
// EXECUTING is reconciled by reading the mailbox (reconcile-requests.ts), never re-sent.
export async function runBulk(bulkId: string, options: TRunOptions = {}): Promise<TRunSummary> {
  const db = getDb();
  const held = await takeRunnerLease(bulkId, null);
  if (!held) return { ran: 0, paused: null, leased: false };
  let ran = 0;
  let paused: string | null = null;
  // Another instance took the bulk over (this runner's lease ran out): stop taking items; each
  // item is claimed on its own, so none runs twice either way.
  let lost = false;
  const lease = keepLease({ held, periodMs: leaseMs() / 3, renew: (current) => takeRunnerLease(bulkId, current), onLost: () => (lost = true) });
  try {
    const bulk = await db.bulk.findUniqueOrThrow({ where: { id: bulkId } });
    const action = findAction(bulk.action);
    if (!action) throw new Error(`bulk ${bulkId} names an action outside the catalogue: ${bulk.action}`);
    const requester = toActingUser({ oid: bulk.requesterOid, tid: bulk.tenantId, upn: bulk.requesterUpn, name: bulk.requesterName });
    const actor = bulk.requesterActor as TActorSnapshot;
    const exchangeFor = options.exchangeFor ?? createExchangeForUser;
    const runItem = async (item: Request) => {
      // A fresh token per item: a run outlives any one access token.
      let ex: TExchange;
      try {
        ex = await exchangeFor(requester);
      } catch (e) {
        if (e instanceof AppError && REAUTH.has(e.code)) {
          paused = `Microsoft asks ${bulk.requesterUpn} to sign in again; the remaining mailboxes continue once they have.`;
          return;
        }
        throw e;
      }
      try {
        await executeRequest({ request: { ...item, status: "QUEUED" }, action, params: item.parameters as { identity: string }, executor: requester, ex, actor });
        ran++;
      } catch (e) {
        // Stopped, or claimed by another runner: that item is theirs.
        if (!(e instanceof AppError && e.code === "CONFLICT")) throw e;
      }
    };
    // How many items run at once. Exchange throttles per person; the client honours Retry-After
    // and holds that person's other calls meanwhile, so a few workers keep the throttle's budget
    // in use without piling up refusals. One item's unexpected error stops the run (the lease is
    // released and the sweep picks the bulk up again later); none is left running behind it.
    await runPool(queuedItems(bulkId), runItem, { concurrency: options.concurrency ?? getSetting("EXODESK_BULK_CONCURRENCY"), stopped: () => paused !== null || lost });
  } finally {
    await lease.stop();
    // Released only if still held: a runner that lost its lease leaves the new holder's alone.
    await db.bulk.updateMany({ where: { id: bulkId, runnerLeaseUntil: lease.current() }, data: { runnerLeaseUntil: null, pausedReason: paused } }).catch((e: unknown) => {
      log.error({ err: e instanceof Error ? e : { message: "unknown" }, bulkId }, "could not release a bulk runner's lease");
    });
  }
  return { ran, paused, leased: true };
}

// Runs in the background of this process; a second start for a bulk already running here joins
// that run (another instance is kept out by the lease).
const bulkRuns = defineBackgroundJob<TRunSummary>({ name: "bulk run", keyField: "bulkId" });

export function startBulkRunner(bulkId: string): void {
  void bulkRuns.start(bulkId, () => runBulk(bulkId));
}

// The sweep's part: bulks with queued items and no live runner are picked up again (after a
// restart, a dead instance, or a sign-in that unblocks a paused one).
export async function resumeBulks(): Promise<number> {
  const now = new Date();
  const bulks = await getDb().bulk.findMany({
    where: {
      OR: [{ runnerLeaseUntil: null }, { runnerLeaseUntil: { lt: now } }],
      id: { in: (await getDb().request.findMany({ where: { status: "QUEUED", bulkId: { not: null } }, select: { bulkId: true }, distinct: ["bulkId"], take: 100 })).map((r) => r.bulkId!) },
    },
    select: { id: true },
  });
  for (const b of bulks) startBulkRunner(b.id);
  return bulks.length;
}
