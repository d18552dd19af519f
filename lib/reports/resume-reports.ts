import "server-only";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TBuildOptions } from "./build-report";
import { findReportBuild, startReportBuild } from "./run-report-build";

// For the sweep: every report still BUILDING whose builder is gone (its lease passed, or it
// paused and released the lease) continues from its PENDING rows. With the embedded database
// only this process can be building, so at start-up leases are ignored. Returns the reports
// whose build was started here; the builds themselves run in the background.
export async function resumeStalledReports(options: { ignoreLeases: boolean }, build: Omit<TBuildOptions, "ignoreLease"> = {}, now = new Date()): Promise<string[]> {
  const where: Prisma.MailboxReportWhereInput = options.ignoreLeases
    ? { status: "BUILDING" }
    : { status: "BUILDING", OR: [{ builderLeaseUntil: null }, { builderLeaseUntil: { lt: now } }] };
  const stalled = await getDb().mailboxReport.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" }, take: 20 });
  const started: string[] = [];
  for (const { id } of stalled) {
    if (findReportBuild(id)) continue;
    startReportBuild(id, { ...build, ignoreLease: options.ignoreLeases });
    started.push(id);
  }
  return started;
}
