import "server-only";
import { log } from "@/lib/log";
import { buildReport, type TBuildOptions, type TBuildOutcome } from "./build-report";

// Builds run in the portal process, after the page that started them has answered. One build
// per report per process (the lease keeps other processes out); a build that dies with the
// process is resumed by the sweep once its lease has passed.
const store = globalThis as typeof globalThis & { __exodeskReportBuilds?: Map<string, Promise<TBuildOutcome | "error">> };
const builds = (store.__exodeskReportBuilds ??= new Map());

export function startReportBuild(reportId: string, options: TBuildOptions = {}): void {
  if (builds.has(reportId)) return;
  const run = buildReport(reportId, options)
    .then((outcome) => {
      log.info({ reportId, outcome }, "mailbox report build ended");
      return outcome;
    })
    .catch((e: unknown) => {
      // Only the database can fail here (Exchange errors are settled by buildReport); the
      // lease runs out and the sweep tries again.
      log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, reportId }, "mailbox report build failed");
      return "error" as const;
    })
    .finally(() => builds.delete(reportId));
  builds.set(reportId, run);
}

// For tests and shutdown: the build of this report running in this process, if any.
export function findReportBuild(reportId: string): Promise<TBuildOutcome | "error"> | undefined {
  return builds.get(reportId);
}
