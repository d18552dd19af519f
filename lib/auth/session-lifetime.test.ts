import { describe, expect, it } from "vitest";
import { judgeSession, liveSince, needsTouch } from "./session-lifetime";

const limits = { idleMinutes: 30, maxHours: 8 };
const signedIn = new Date("2026-12-03T08:00:00Z");
const at = (iso: string) => new Date(iso);

describe("judgeSession", () => {
  it("keeps a session that was used recently and started less than the maximum ago", () => {
    expect(judgeSession({ createdAt: signedIn, lastSeenAt: at("2026-12-03T08:10:00Z") }, at("2026-12-03T08:39:59Z"), limits)).toBe("live");
  });

  it("ends a session left alone for the idle time", () => {
    expect(judgeSession({ createdAt: signedIn, lastSeenAt: at("2026-12-03T08:10:00Z") }, at("2026-12-03T08:40:00Z"), limits)).toBe("idle");
  });

  it("ends a session at the absolute limit however recently it was used", () => {
    expect(judgeSession({ createdAt: signedIn, lastSeenAt: at("2026-12-03T15:59:30Z") }, at("2026-12-03T15:59:59Z"), limits)).toBe("live");
    expect(judgeSession({ createdAt: signedIn, lastSeenAt: at("2026-12-03T15:59:30Z") }, at("2026-12-03T16:00:00Z"), limits)).toBe("expired");
  });
});

describe("needsTouch", () => {
  it("writes lastSeenAt at most once a minute", () => {
    expect(needsTouch({ lastSeenAt: signedIn }, at("2026-12-03T08:00:59Z"))).toBe(false);
    expect(needsTouch({ lastSeenAt: signedIn }, at("2026-12-03T08:01:00Z"))).toBe(true);
  });
});

describe("liveSince", () => {
  it("gives the query bounds that match the verdict", () => {
    expect(liveSince(at("2026-12-03T16:00:00Z"), limits)).toEqual({ createdAfter: at("2026-12-03T08:00:00Z"), seenAfter: at("2026-12-03T15:30:00Z") });
  });
});
