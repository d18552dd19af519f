import type { PrismaClient } from "@/lib/generated/prisma/client";
import { keepLease, type TLeaseKeeper } from "@/lib/jobs/keep-lease";

// A report is built by one process at a time: the one holding its lease (lib/jobs/keep-lease.ts).

export function getLeaseSeconds(): number {
  const seconds = Number(process.env.EXODESK_REPORT_LEASE_SECONDS ?? 300);
  if (!Number.isInteger(seconds) || seconds < 5) throw new RangeError("EXODESK_REPORT_LEASE_SECONDS must be a whole number of seconds, at least 5.");
  return seconds;
}

const leaseFrom = (now: Date) => new Date(now.getTime() + getLeaseSeconds() * 1000);

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
  return keepLease({ held, periodMs: (getLeaseSeconds() * 1000) / 3, renew: (lease) => renewReportLease(db, reportId, lease), onLost });
}
