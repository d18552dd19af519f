// The portal's background duties, at start-up and then every EXODESK_SWEEP_SECONDS. Each is safe
// to run in several instances at once (every move is a conditional update). Listed here, at the
// top, so that no lib/ folder has to import the others' duties (lib/requests would otherwise
// import lib/bulk and lib/reports, which import lib/requests).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSetting } = await import("./lib/env");
  const sweepSeconds = getSetting("EXODESK_SWEEP_SECONDS");
  const { log } = await import("./lib/log");
  const { expireOverdueRequests } = await import("./lib/requests/expire-requests");
  const { markInterruptedExecutions, reconcileUnknownOutcomes } = await import("./lib/requests/reconcile-requests");
  const { deleteExpiredRateLimits } = await import("./lib/rate-limit");
  const { deleteEndedSessions } = await import("./lib/auth/session-store");
  const { resumeBulks } = await import("./lib/bulk/run-bulk");
  const { resumeStalledReports } = await import("./lib/reports/resume-reports");
  const duties: (() => Promise<unknown>)[] = [
    // Pending requests past their limit expire even when nobody opens a page that would expire them.
    expireOverdueRequests,
    // Executions a crash interrupted are found, then settled by reading the mailbox back.
    () => markInterruptedExecutions(),
    () => reconcileUnknownOutcomes(),
    deleteExpiredRateLimits,
    // Sessions past their idle or absolute limit, and the token caches nobody live needs.
    deleteEndedSessions,
    // Bulk changes with queued items and no live runner carry on (after a restart, too).
    resumeBulks,
    // Mailbox reports whose builder stopped continue in the background from their PENDING rows.
    () => resumeStalledReports(),
  ];
  let running = false;
  const sweep = async () => {
    if (running) return;
    running = true;
    try {
      for (const duty of duties) await duty();
    } catch (e) {
      log.error({ err: e instanceof Error ? e : { message: "unknown error" } }, "request sweep failed");
    } finally {
      running = false;
    }
  };
  void sweep();
  setInterval(() => void sweep(), sweepSeconds * 1000).unref();
}
