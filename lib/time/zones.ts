import { TZDate } from "@date-fns/tz";
import { findIana } from "windows-iana";
import { SCHEDULE_YEARS } from "./schedule-years";

// Exchange reports a mailbox's time zone by its Windows name ("W. Europe Standard Time").
export function toIanaZone(windowsOrIana: string | null | undefined): string | null {
  if (!windowsOrIana) return null;
  if (isIanaZone(windowsOrIana)) return windowsOrIana;
  const zone = findIana(windowsOrIana)?.[0];
  return zone && isIanaZone(zone) ? zone : null;
}

export function isIanaZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return zone.includes("/") || zone === "UTC";
  } catch {
    return false;
  }
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

// "2026-12-24T09:00" on the wall clock of `zone` → the UTC instant. Null when the text is not
// a valid date and time.
export function zonedLocalToUtc(local: string, zone: string): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (h > 23 || mi > 59) return null;
  // The Date constructor reads years 0–99 as 1900–1999 ("0099" would become 1999); setting
  // the year afterwards takes it as written. Before about 1900 most zones used local mean time
  // with offsets in seconds, which TZDate does not keep: such times fail the check below and
  // come back null rather than as a wrong instant.
  const date = new TZDate(2000, 0, 1, 0, 0, zone);
  date.setFullYear(y, mo - 1, d);
  date.setHours(h, mi, 0, 0);
  if (Number.isNaN(date.getTime()) || date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return new Date(date.getTime());
}


// Whether the instant falls in the years a schedule may use (schedule-years.ts).
export function isWithinExchangeYears(instant: Date): boolean {
  const year = instant.getUTCFullYear();
  return year >= SCHEDULE_YEARS.first && year <= SCHEDULE_YEARS.last;
}

// The year as typed on the wall clock ("0099-06-01T09:00" → 99), or null when unreadable.
export function localYear(local: string): number | null {
  const m = LOCAL_PATTERN.exec(local);
  return m ? Number(m[1]) : null;
}

// The instant as "2026-12-24T09:00" on the wall clock of `zone` (for datetime-local inputs).
export function utcToZonedLocal(instant: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}
