import "server-only";
import { resumeBulks } from "@/lib/bulk/run-bulk";
import { deleteExpiredRateLimits } from "@/lib/rate-limit";
import { deleteEndedSessions } from "@/lib/auth/session-store";
import { resumeStalledReports } from "@/lib/reports/resume-reports";
import { expireOverdueRequests } from "./expire-requests";
import { markInterruptedExecutions, reconcileUnknownOutcomes } from "./reconcile-requests";

// The portal's background duties, safe to run in several instances at once (every move is a
// conditional update): expire overdue approvals, find interrupted executions, and settle
// unknown outcomes by reading mailboxes back, and drop rate-limit windows that have passed.
export async function sweepRequests(): Promise<void> {
  await expireOverdueRequests();
  await markInterruptedExecutions();
  await reconcileUnknownOutcomes();
  await deleteExpiredRateLimits();
  // Sessions past their idle or absolute limit, and the token caches nobody live needs.
  await deleteEndedSessions();
  // Bulk changes with queued items and no live runner carry on (after a restart, too).
  await resumeBulks();
  // Mailbox reports whose builder stopped continue in the background from their PENDING rows.
  await resumeStalledReports();
}
