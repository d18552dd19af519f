import { getSetting } from "@/lib/env/settings";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { keepLease, type TLeaseKeeper } from "@/lib/jobs/keep-lease";

// A report is built by one process at a time: the one holding its lease (lib/jobs/keep-lease.ts).

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

// Renews the lease a third of the way through each period while the build runs (429s are
// retried for up to 30 s each). `onLost` is called once if another process has taken the report
// over.
export function keepReportLease(db: PrismaClient, reportId: string, held: Date, onLost: () => void): TLeaseKeeper {
  return keepLease({ held, periodMs: leaseMs() / 3, renew: (lease) => renewReportLease(db, reportId, lease), onLost });
}
