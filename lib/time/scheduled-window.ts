import { TZDate } from "@date-fns/tz";
import { utcToZonedLocal, zonedLocalToUtc } from "./zones";

export type TScheduleWindow = { startTime: string; endTime: string };

// The window "Scheduled" starts with, as wall-clock times ("2026-12-24T09:00") in `zone`: the
// stored one while it still ends in the future, otherwise a fresh one (defaultWindow). A past
// window would only earn the person "The end is in the past" on their first submit.
export function scheduledWindow(stored: TScheduleWindow, zone: string, now: Date): TScheduleWindow {
  const start = zonedLocalToUtc(stored.startTime, zone);
  const end = zonedLocalToUtc(stored.endTime, zone);
  if (start && end && end.getTime() > now.getTime()) return { startTime: stored.startTime, endTime: stored.endTime };
  return defaultWindow(zone, now);
}

// From the next full hour on the zone's wall clock to the same time on the next working day
// (Monday to Friday) after it: an absence of a day, which the person then adjusts.
export function defaultWindow(zone: string, now: Date): TScheduleWindow {
  const start = new TZDate(now.getTime(), zone);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new TZDate(start.getTime(), zone);
  do end.setDate(end.getDate() + 1);
  while (end.getDay() === 0 || end.getDay() === 6);
  // Across a daylight-saving change the day moves the instant by 23 or 25 hours; the wall
  // clock keeps the hour, unless that hour does not exist that day.
  end.setHours(start.getHours(), 0, 0, 0);
  return { startTime: utcToZonedLocal(new Date(start.getTime()), zone), endTime: utcToZonedLocal(new Date(end.getTime()), zone) };
}
