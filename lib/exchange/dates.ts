// Exchange date parameters: UTC "yyyy-MM-ddTHH:mm:ss" without a zone suffix, which is what the
// ExchangeOnlineManagement module sends.
export function toExchangeDateParam(d: Date): string {
  const iso = d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : "";
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(iso)) {
    throw new RangeError("toExchangeDateParam needs a valid date between the years 0 and 9999.");
  }
  return iso.slice(0, 19);
}

// "2022-09-21T08:07:47.0000000+00:00" (7-digit fraction), "…Z", "2022-09-21T08:07:47" (no zone)
// or "2022-09-21 08:07:47", with an optional fraction and offset.
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
// "/Date(1663747667000)/", optionally with an informational offset "+0200" and JSON escapes.
const MS_JSON_DATE = /^\\?\/?Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/?$/;
// "9/21/2022 8:07:47 AM": how an en-US server formats a DateTime as text.
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?$/i;

// Any date form Exchange returns → the instant, or null for empty or invalid values. Text
// without a zone (server-local forms such as auto-reply StartTime) is read as UTC.
export function parseExchangeDate(s: unknown): Date | null {
  if (s instanceof Date) return Number.isNaN(s.getTime()) ? null : new Date(s.getTime());
  if (typeof s === "number") return Number.isFinite(s) ? new Date(s) : null;
  if (typeof s !== "string") return null;
  const text = s.trim();
  if (text === "") return null;

  const msJson = MS_JSON_DATE.exec(text);
  if (msJson) return toValidDate(Number(msJson[1]));

  const iso = ISO_DATE.exec(text);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", sec = "0", fraction = "", zone] = iso;
    const offset = readOffsetMinutes(zone);
    if (offset === null) return null;
    const millis = Number(`${fraction}000`.slice(0, 3));
    return composeUtc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec), millis, offset);
  }

  const us = US_DATE.exec(text);
  if (us) {
    const [, mo, d, y, h, mi, sec = "0", meridiem] = us;
    const hour = readUsHour(Number(h), meridiem);
    if (hour === null) return null;
    return composeUtc(Number(y), Number(mo), Number(d), hour, Number(mi), Number(sec), 0, 0);
  }
  return null;
}

function composeUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offsetMinutes: number,
): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // unlike Date.UTC, keeps years below 100 as-is
  date.setUTCHours(hour, minute, second, millis);
  return toValidDate(date.getTime() - offsetMinutes * 60_000);
}

function readOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return null;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? "0");
  if (hours > 14 || minutes > 59) return null;
  return (match[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function readUsHour(hour: number, meridiem: string | undefined): number | null {
  if (meridiem === undefined) return hour;
  if (hour < 1 || hour > 12) return null;
  const isPm = meridiem.toUpperCase() === "PM";
  return (hour % 12) + (isPm ? 12 : 0);
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

function toValidDate(ms: number): Date | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}
