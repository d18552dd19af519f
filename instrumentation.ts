// The portal's background duties, swept at start-up and then every EXODESK_SWEEP_SECONDS
// (lib/jobs/sweep.ts). Listed here, at the top, so that no lib/ folder has to import the others'
// duties (lib/requests would otherwise import lib/bulk and lib/reports, which import lib/requests).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSetting } = await import("./lib/env/settings");
  const sweepSeconds = getSetting("EXODESK_SWEEP_SECONDS");
  const { expireOverdueRequests } = await import("./lib/requests/expire-requests");
  const { markInterruptedExecutions, reconcileUnknownOutcomes } = await import("./lib/requests/reconcile-requests");
  const { runDueChanges } = await import("./lib/requests/run-due-changes");
  const { deleteExpiredRateLimits } = await import("./lib/action/rate-limit");
  const { deleteEndedSessions } = await import("./lib/auth/session-store");
  const { resumeBulks } = await import("./lib/bulk/run-bulk");
  const { resumeStalledReports } = await import("./lib/reports/resume-reports");
  const { createSweep } = await import("./lib/jobs/sweep");
  createSweep([
    // Pending requests past their limit expire even when nobody opens a page that would expire them.
    { name: "expire requests", run: expireOverdueRequests },
    // Executions a crash interrupted are found, then settled by reading the mailbox back.
    { name: "mark interrupted executions", run: () => markInterruptedExecutions() },
    { name: "reconcile unknown outcomes", run: () => reconcileUnknownOutcomes() },
    // Time-bound rights whose end has come are removed, each once, as the person who granted them.
    { name: "run due scheduled changes", run: () => runDueChanges() },
    { name: "delete expired rate limits", run: deleteExpiredRateLimits },
    // Sessions past their idle or absolute limit, and the token caches nobody live needs.
    { name: "delete ended sessions", run: deleteEndedSessions },
    // Bulk changes with queued items and no live runner carry on (after a restart, too).
    { name: "resume bulk changes", run: resumeBulks },
    // Mailbox reports whose builder stopped continue in the background from their PENDING rows.
    { name: "resume reports", run: () => resumeStalledReports() },
  ]).start(sweepSeconds);
  // E-mails and webhooks from the outbox, moments after each change and on a short poll.
  const { startNotificationDelivery } = await import("./lib/notifications/delivery-loop");
  startNotificationDelivery();
}
