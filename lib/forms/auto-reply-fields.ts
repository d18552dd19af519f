import { isIanaZone, localYear, SCHEDULE_YEARS, SCHEDULE_YEARS_MESSAGE, zonedLocalToUtc } from "@/lib/time/zones";

export function formField(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

// The automatic-reply fields of a form (single or bulk). The form gives wall-clock times in
// `scheduleZone`; the catalogue takes UTC instants. Unreadable times are field errors.
export function readAutoReplyFields(form: FormData): { fields: Record<string, unknown>; errors: Record<string, string[]> } {
  const zone = formField(form, "scheduleZone");
  const errors: Record<string, string[]> = {};
  const state = formField(form, "autoReplyState");
  const scheduled = state === "Scheduled";
  const zoneKnown = isIanaZone(zone);
  if (scheduled && !zoneKnown) errors.startTime = ["The time zone of the schedule is unknown; reload the page."];
  const toUtc = (name: string): string | null => {
    const local = formField(form, name).trim();
    if (!local || !scheduled || !zoneKnown) return null;
    const year = localYear(local);
    if (year !== null && (year < SCHEDULE_YEARS.first || year > SCHEDULE_YEARS.last)) {
      errors[name] = [SCHEDULE_YEARS_MESSAGE];
      return null;
    }
    const instant = zonedLocalToUtc(local, zone);
    if (!instant) errors[name] = ["Enter a valid date and time."];
    return instant?.toISOString() ?? null;
  };
  const fields = {
    autoReplyState: state,
    startTime: toUtc("startTime"),
    endTime: toUtc("endTime"),
    internalMessage: formField(form, "internalMessage"),
    externalMessage: formField(form, "externalMessage"),
    externalAudience: formField(form, "externalAudience"),
  };
  return { fields, errors };
}
