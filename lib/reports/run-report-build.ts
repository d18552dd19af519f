import "server-only";
import { defineBackgroundJob } from "@/lib/jobs/background";
import { buildReport, type TBuildOptions, type TBuildOutcome } from "./build-report";

// Builds run in the portal process, after the page that started them has answered. One build
// per report per process (the lease keeps other processes out); a build that dies with the
// process is resumed by the sweep once its lease has passed. A build that throws (only the
// database can: buildReport settles Exchange's errors) gives null; the sweep tries again.
const builds = defineBackgroundJob<TBuildOutcome>({ name: "mailbox report build", keyField: "reportId" });

export function startReportBuild(reportId: string, options: TBuildOptions = {}): void {
  void builds.start(reportId, () => buildReport(reportId, options));
}

// For tests and shutdown: the build of this report running in this process, if any.
export function findReportBuild(reportId: string): Promise<TBuildOutcome | null> | undefined {
  return builds.find(reportId);
}
