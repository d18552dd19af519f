import { describe, expect, it } from "vitest";
import { formatInZone } from "./format";
import { toIanaZone, utcToZonedLocal, zonedLocalToUtc } from "./zones";

describe("time zones", () => {
  it("maps Windows names to IANA zones", () => {
    expect(toIanaZone("W. Europe Standard Time")).toBe("Europe/Berlin");
    expect(toIanaZone("Pacific Standard Time")).toBe("America/Los_Angeles");
    expect(toIanaZone("Tokyo Standard Time")).toBe("Asia/Tokyo");
    expect(toIanaZone("Europe/Paris")).toBe("Europe/Paris");
    expect(toIanaZone("Not A Zone")).toBeNull();
  });

  it("converts a wall-clock time in a zone to UTC, across daylight saving", () => {
    expect(zonedLocalToUtc("2026-12-24T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-12-24T08:00:00.000Z");
    expect(zonedLocalToUtc("2026-07-01T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedLocalToUtc("2026-12-24T09:00", "America/Los_Angeles")?.toISOString()).toBe("2026-12-24T17:00:00.000Z");
  });

  it("refuses text that is not a date", () => {
    expect(zonedLocalToUtc("2026-02-30T09:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("tomorrow", "UTC")).toBeNull();
  });

  it("round-trips to the zone's wall clock", () => {
    const instant = new Date("2026-12-24T17:00:00Z");
    expect(utcToZonedLocal(instant, "America/Los_Angeles")).toBe("2026-12-24T09:00");
  });

  it("formats an instant on a zone's wall clock with the zone's name", () => {
    expect(formatInZone(new Date("2030-12-24T17:00:00Z"), "America/Los_Angeles")).toBe("24 Dec 2030, 09:00 GMT-8");
  });
});
