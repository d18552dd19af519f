import "server-only";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import type { TBuildOptions } from "./build-report";
import { startReportBuild } from "./run-report-build";

export type TStartedReport = { reportId: string; alreadyBuilding: boolean };

// A new report of every mailbox the person's Exchange scope can read, built in the background.
// One report builds at a time per person: asking again while one builds (or waits for a
// sign-in) continues that one instead of starting a second.
export async function startReport(user: TSessionUser, options: TBuildOptions = {}): Promise<TStartedReport> {
  if (!hasPermission(user.roles, "report.build")) throw new AppError("FORBIDDEN");
  // A token first, so a sign-in problem surfaces here, before anything is written.
  await (options.exchangeFor ?? createExchangeForUser)(user);
  const db = options.db ?? getDb();
  const building = await db.mailboxReport.findFirst({ where: { requesterOid: user.oid, tenantId: user.tid, status: "BUILDING" }, orderBy: { createdAt: "desc" } });
  if (building) {
    startReportBuild(building.id, options);
    return { reportId: building.id, alreadyBuilding: true };
  }
  const report = await db.mailboxReport.create({
    data: { tenantId: user.tid, requesterOid: user.oid, requesterUpn: user.upn, requesterName: user.name, status: "BUILDING" },
  });
  startReportBuild(report.id, options);
  return { reportId: report.id, alreadyBuilding: false };
}
