import { describe, expect, it } from "vitest";
import { parseExchangeDate, toExchangeDateParam } from "./dates";

describe("toExchangeDateParam", () => {
  it("formats the instant in UTC without a zone suffix or fraction", () => {
    expect(toExchangeDateParam(new Date("2026-12-24T09:00:00+01:00"))).toBe("2026-12-24T08:00:00");
    expect(toExchangeDateParam(new Date("2027-01-02T17:30:15.999Z"))).toBe("2027-01-02T17:30:15");
    expect(toExchangeDateParam(new Date(Date.UTC(2026, 2, 29, 1, 2, 3)))).toBe("2026-03-29T01:02:03");
  });

  it("refuses an invalid date", () => {
    expect(() => toExchangeDateParam(new Date("nope"))).toThrow(RangeError);
  });
});

describe("parseExchangeDate", () => {
  it.each([
    ["7-digit fraction with offset", "2022-09-21T08:07:47.0000000+00:00", "2022-09-21T08:07:47.000Z"],
    ["non-zero offset", "2022-09-21T10:07:47.1234567+02:00", "2022-09-21T08:07:47.123Z"],
    ["negative offset without colon", "2022-09-21T01:07:47-0700", "2022-09-21T08:07:47.000Z"],
    ["Z (the *UTC properties)", "2022-09-21T08:07:47Z", "2022-09-21T08:07:47.000Z"],
    ["Z with a fraction", "2022-09-21T08:07:47.5Z", "2022-09-21T08:07:47.500Z"],
    ["no offset (read as UTC)", "2022-09-21T08:07:47", "2022-09-21T08:07:47.000Z"],
    ["no offset, no seconds", "2022-09-21T08:07", "2022-09-21T08:07:00.000Z"],
    ["a space instead of T", "2022-09-21 08:07:47", "2022-09-21T08:07:47.000Z"],
    ["date only", "2022-09-21", "2022-09-21T00:00:00.000Z"],
    ["/Date(ms)/", "/Date(1663747667000)/", "2022-09-21T08:07:47.000Z"],
    ["/Date(ms+offset)/", "/Date(1663747667000+0200)/", "2022-09-21T08:07:47.000Z"],
    ["escaped \\/Date(ms)\\/", "\\/Date(1663747667000)\\/", "2022-09-21T08:07:47.000Z"],
    ["US server-local text", "9/21/2022 8:07:47 AM", "2022-09-21T08:07:47.000Z"],
    ["US text, afternoon", "9/21/2022 12:30:00 PM", "2022-09-21T12:30:00.000Z"],
    ["US text, midnight", "9/21/2022 12:00:00 AM", "2022-09-21T00:00:00.000Z"],
    ["surrounding spaces", "  2022-09-21T08:07:47Z ", "2022-09-21T08:07:47.000Z"],
  ])("reads %s", (_label, input, expected) => {
    expect(parseExchangeDate(input)?.toISOString()).toBe(expected);
  });

  it("accepts Date objects and epoch milliseconds", () => {
    expect(parseExchangeDate(new Date("2022-09-21T08:07:47Z"))?.toISOString()).toBe("2022-09-21T08:07:47.000Z");
    expect(parseExchangeDate(1663747667000)?.toISOString()).toBe("2022-09-21T08:07:47.000Z");
  });

  it("keeps years below 100 as written", () => {
    expect(parseExchangeDate("0001-01-01T00:00:00")?.getUTCFullYear()).toBe(1);
  });

  it.each([
    ["null", null],
    ["undefined", undefined],
    ["empty", ""],
    ["blank", "   "],
    ["text", "tomorrow"],
    ["31 February", "2026-02-31T00:00:00"],
    ["hour 24", "2026-02-01T24:00:00Z"],
    ["month 13", "2026-13-01T00:00:00Z"],
    ["bad offset", "2026-02-01T00:00:00+25:00"],
    ["an invalid Date", new Date("nope")],
    ["NaN", Number.NaN],
    ["an object", { value: "2022-09-21" }],
    ["/Date(garbage)/", "/Date(abc)/"],
  ])("returns null for %s", (_label, input) => {
    expect(parseExchangeDate(input)).toBeNull();
  });

  it("round-trips what toExchangeDateParam sends", () => {
    const instant = new Date("2026-07-01T07:00:00Z");
    expect(parseExchangeDate(toExchangeDateParam(instant))?.getTime()).toBe(instant.getTime());
  });
});
