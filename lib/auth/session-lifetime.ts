// When a session stops counting: idle too long, or signed in too long ago however busy.
// Pure, so the limits are tested with an injected clock instead of waiting for them.

export type TSessionLimits = { idleMinutes: number; maxHours: number };
export type TSessionTimes = { createdAt: Date; lastSeenAt: Date };
export type TSessionVerdict = "live" | "idle" | "expired";

// lastSeenAt is written at most this often per session, so a busy person does not cost a
// database write per request; idle time is therefore known to within this much.
export const TOUCH_EVERY_MS = 60_000;

export function judgeSession(times: TSessionTimes, now: Date, limits: TSessionLimits): TSessionVerdict {
  if (now.getTime() >= times.createdAt.getTime() + limits.maxHours * 3_600_000) return "expired";
  if (now.getTime() >= times.lastSeenAt.getTime() + limits.idleMinutes * 60_000) return "idle";
  return "live";
}

export function needsTouch(times: Pick<TSessionTimes, "lastSeenAt">, now: Date): boolean {
  return now.getTime() - times.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

// The oldest createdAt and lastSeenAt a live session may have at `now`: the same rule as
// judgeSession, as bounds a query can use.
export function liveSince(now: Date, limits: TSessionLimits): { createdAfter: Date; seenAfter: Date } {
  return {
    createdAfter: new Date(now.getTime() - limits.maxHours * 3_600_000),
    seenAfter: new Date(now.getTime() - limits.idleMinutes * 60_000),
  };
}
