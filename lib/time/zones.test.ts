import { describe, expect, it } from "vitest";
import { formatInZone } from "./format";
import { isWithinExchangeYears, toIanaZone, utcToZonedLocal, zonedLocalToUtc } from "./zones";

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

describe("years below 100", () => {
  it("are converted as written, not as 1900 + year", () => {
    expect(zonedLocalToUtc("0099-06-01T09:00", "UTC")?.toISOString()).toBe("0099-06-01T09:00:00.000Z");
    expect(zonedLocalToUtc("0001-01-01T00:00", "UTC")?.toISOString()).toBe("0001-01-01T00:00:00.000Z");
    // Local mean time (an offset in seconds) is not kept by TZDate: never a wrong year, at worst null.
    expect([99, undefined]).toContain(zonedLocalToUtc("0099-06-01T09:00", "Europe/Berlin")?.getUTCFullYear());
    expect(zonedLocalToUtc("2026-06-01T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-06-01T07:00:00.000Z");
  });

  it("are outside the years a schedule may use, as are years from 2100", () => {
    expect(isWithinExchangeYears(new Date("0099-06-01T09:00:00Z"))).toBe(false);
    expect(isWithinExchangeYears(new Date("1999-12-31T23:59:00Z"))).toBe(false);
    expect(isWithinExchangeYears(new Date("2000-01-01T00:00:00Z"))).toBe(true);
    expect(isWithinExchangeYears(new Date("2099-12-31T23:59:00Z"))).toBe(true);
    expect(isWithinExchangeYears(new Date("2100-01-01T00:00:00Z"))).toBe(false);
  });

  it("refuses hours and minutes that do not exist", () => {
    expect(zonedLocalToUtc("2026-06-01T24:00", "UTC")).toBeNull();
    expect(zonedLocalToUtc("2026-06-01T09:60", "UTC")).toBeNull();
  });
});
