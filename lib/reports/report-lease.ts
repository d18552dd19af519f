import { getSetting } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// A report is built by one process at a time: the one holding its lease. The lease's own
// value is the holder's token, so a renewal succeeds only for the process that set it; a
// builder whose renewal fails has been replaced (its lease ran out) and stops.

const leaseMs = () => getSetting("EXODESK_REPORT_LEASE_SECONDS") * 1000;
const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs());

// Takes a BUILDING report whose lease is free (never taken, released, or run out). Returns the
// lease held, or null when someone else holds it.
export async function claimReportLease(db: PrismaClient, reportId: string, now = new Date()): Promise<Date | null> {
  const lease = leaseFrom(now);
  const free = { OR: [{ builderLeaseUntil: null }, { builderLeaseUntil: { lt: now } }] };
  const { count } = await db.mailboxReport.updateMany({ where: { id: reportId, status: "BUILDING", ...free }, data: { builderLeaseUntil: lease } });
  return count === 1 ? lease : null;
}

export async function renewReportLease(db: PrismaClient, reportId: string, held: Date, now = new Date()): Promise<Date | null> {
  const lease = leaseFrom(now);
  const { count } = await db.mailboxReport.updateMany({ where: { id: reportId, status: "BUILDING", builderLeaseUntil: held }, data: { builderLeaseUntil: lease } });
  return count === 1 ? lease : null;
}

export type TLeaseKeeper = { current(): Date; stop(): Promise<void> };

// Renews the lease a third of the way through each period while the build runs, however long
// one Exchange call takes (429s are retried for up to 30 s each). `onLost` is called once if
// another process has taken the report over.
export function keepReportLease(db: PrismaClient, reportId: string, held: Date, onLost: () => void): TLeaseKeeper {
  let lease = held;
  let lost = false;
  let chain: Promise<void> = Promise.resolve();
  const renew = async () => {
    if (lost) return;
    const next = await renewReportLease(db, reportId, lease);
    if (next) lease = next;
    else {
      lost = true;
      onLost();
    }
  };
  // A failed renewal (the database briefly unreachable) is tried again on the next tick.
  const timer = setInterval(() => void (chain = chain.then(renew).catch(() => undefined)), leaseMs() / 3);
  timer.unref?.();
  return {
    current: () => lease,
    async stop() {
      clearInterval(timer);
      await chain;
    },
  };
}
