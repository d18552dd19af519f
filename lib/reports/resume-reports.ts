import "server-only";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TBuildOptions } from "./build-report";
import { findReportBuild, startReportBuild } from "./run-report-build";

// For the sweep: every report still BUILDING whose builder is gone (its lease passed, or it
// paused and released the lease) continues from its PENDING rows. Returns the reports whose
// build was started here; the builds themselves run in the background.
export async function resumeStalledReports(build: TBuildOptions = {}, now = new Date()): Promise<string[]> {
  const where: Prisma.MailboxReportWhereInput = { status: "BUILDING", OR: [{ builderLeaseUntil: null }, { builderLeaseUntil: { lt: now } }] };
  const stalled = await getDb().mailboxReport.findMany({ where, select: { id: true }, orderBy: { createdAt: "asc" }, take: 20 });
  const started: string[] = [];
  for (const { id } of stalled) {
    if (findReportBuild(id)) continue;
    startReportBuild(id, build);
    started.push(id);
  }
  return started;
}
