import { describe, expect, it } from "vitest";
import { readAutoReplyFields } from "./auto-reply-fields";

function form(startTime: string, endTime = "2026-12-31T17:00", zone = "Europe/Berlin"): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries({ autoReplyState: "Scheduled", scheduleZone: zone, startTime, endTime, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" })) f.set(k, v);
  return f;
}

describe("a schedule's years", () => {
  it.each(["0099-06-01T09:00", "0001-01-01T00:00", "1999-12-31T23:59", "2100-01-01T00:00"])("refuses %s as a field error", (start) => {
    const { errors, fields } = readAutoReplyFields(form(start));
    expect(errors).toEqual({ startTime: ["Choose a date between the years 2000 and 2099."] });
    expect(fields.startTime).toBeNull();
  });

  it("checks both ends", () => {
    expect(readAutoReplyFields(form("0099-06-01T09:00", "0099-06-02T09:00")).errors).toEqual({
      startTime: ["Choose a date between the years 2000 and 2099."],
      endTime: ["Choose a date between the years 2000 and 2099."],
    });
  });

  it("takes 2026 in the schedule's zone", () => {
    const { errors, fields } = readAutoReplyFields(form("2026-06-01T09:00"));
    expect(errors).toEqual({});
    expect(fields.startTime).toBe("2026-06-01T07:00:00.000Z");
  });
});
