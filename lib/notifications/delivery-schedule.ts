// When a delivery that failed for a passing reason (a mail server down, a webhook answering 503)
// is tried again, and when ExoDesk stops trying (README, "Notifications"). The delays double from
// 15 seconds up to every 30 minutes, which rides out a mail server's maintenance window of hours;
// a notice still undelivered a day after it was written says nothing useful any more.

export const FIRST_RETRY_MS = 15_000;
export const MAX_RETRY_MS = 30 * 60_000;
export const GIVE_UP_AFTER_MS = 24 * 3600_000;
// A bound besides the age, should the clock or the settings make the age bound loose.
export const MAX_ATTEMPTS = 60;

// The wait after the `attempts`-th failed attempt (1 for the first): 15 s, 30 s, 1 min, 2 min … 30 min.
export function retryDelayMs(attempts: number): number {
  const doublings = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(FIRST_RETRY_MS * 2 ** doublings, MAX_RETRY_MS);
}

// After a passing failure: when to try again, or null to give up.
export function nextAttemptAt(delivery: { attempts: number; createdAt: Date }, now: Date): Date | null {
  if (delivery.attempts >= MAX_ATTEMPTS) return null;
  const next = new Date(now.getTime() + retryDelayMs(delivery.attempts));
  return next.getTime() - delivery.createdAt.getTime() > GIVE_UP_AFTER_MS ? null : next;
}
