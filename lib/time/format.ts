// dateStyle/timeStyle cannot be combined with timeZoneName, hence the explicit parts.
const DISPLAY_FORMAT: Intl.DateTimeFormatOptions = {
  day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZoneName: "short",
};

export function formatInZone(instant: Date, zone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { ...DISPLAY_FORMAT, timeZone: zone }).format(instant);
}

// An instant to the minute in UTC, as pages and messages print it next to "UTC":
// "2026-12-03 21:30"; nothing for no instant.
export function formatUtcMinute(instant: Date | null | undefined): string {
  return instant ? instant.toISOString().replace("T", " ").slice(0, 16) : "";
}
