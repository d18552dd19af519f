import { describe, expect, it } from "vitest";
import { defaultWindow, scheduledWindow } from "./scheduled-window";

describe("the window Scheduled starts with", () => {
  const now = new Date("2026-12-02T10:20:00Z"); // a Wednesday

  it("keeps a stored window that still ends in the future", () => {
    const stored = { startTime: "2026-12-01T09:00", endTime: "2026-12-03T17:00" };
    // Only the window: the form passes all its fields.
    expect(scheduledWindow({ ...stored, autoReplyState: "Enabled" } as typeof stored, "Europe/Berlin", now)).toStrictEqual(stored);
  });

  it("replaces a past window with the next full hour to the same time the next working day", () => {
    // Pradeep's seeded window (Asia/Kolkata, UTC+5:30): 10:20 UTC is 15:50 there.
    const past = { startTime: "2024-12-20T13:30", endTime: "2025-01-06T13:30" };
    expect(scheduledWindow(past, "Asia/Kolkata", now)).toEqual({ startTime: "2026-12-02T16:00", endTime: "2026-12-03T16:00" });
  });

  it("replaces a window that ends exactly now, an empty one and an unreadable one", () => {
    const fresh = { startTime: "2026-12-02T12:00", endTime: "2026-12-03T12:00" };
    expect(scheduledWindow({ startTime: "2026-12-01T09:00", endTime: "2026-12-02T11:20" }, "Europe/Berlin", now)).toEqual(fresh);
    expect(scheduledWindow({ startTime: "", endTime: "" }, "Europe/Berlin", now)).toEqual(fresh);
    expect(scheduledWindow({ startTime: "soon", endTime: "2026-13-40T10:00" }, "Europe/Berlin", now)).toEqual(fresh);
  });

  it("works on the zone's wall clock, whatever the day is in UTC", () => {
    // Wednesday 10:20 UTC is 23:20 in Auckland (UTC+13): the next full hour is Thursday's midnight.
    expect(defaultWindow("Pacific/Auckland", now)).toEqual({ startTime: "2026-12-03T00:00", endTime: "2026-12-04T00:00" });
    expect(defaultWindow("America/Los_Angeles", now)).toEqual({ startTime: "2026-12-02T03:00", endTime: "2026-12-03T03:00" });
  });

  it("skips the weekend: Friday afternoon runs to Monday, Saturday starts to Monday", () => {
    expect(defaultWindow("Europe/London", new Date("2026-12-04T14:05:00Z"))).toEqual({ startTime: "2026-12-04T15:00", endTime: "2026-12-07T15:00" });
    expect(defaultWindow("Europe/London", new Date("2026-12-05T09:59:00Z"))).toEqual({ startTime: "2026-12-05T10:00", endTime: "2026-12-07T10:00" });
  });

  it("rolls over midnight and keeps the hour across a daylight-saving change", () => {
    // Friday 23:30 in Berlin: starts Saturday 00:00, ends Monday 00:00.
    expect(defaultWindow("Europe/Berlin", new Date("2026-12-04T22:30:00Z"))).toEqual({ startTime: "2026-12-05T00:00", endTime: "2026-12-07T00:00" });
    // Berlin moves to summer time on Sunday 29 March 2026; Friday 27 March 09:10 local.
    expect(defaultWindow("Europe/Berlin", new Date("2026-03-27T08:10:00Z"))).toEqual({ startTime: "2026-03-27T10:00", endTime: "2026-03-30T10:00" });
  });
});
