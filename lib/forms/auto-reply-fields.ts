import { z } from "zod";
import { SCHEDULE_YEARS, SCHEDULE_YEARS_MESSAGE } from "@/lib/time/schedule-years";
import { isIanaZone, localYear, zonedLocalToUtc } from "@/lib/time/zones";
import { ZFormText } from "./form-fields";

const ZAutoReplyFormFields = z.object({
  autoReplyState: ZFormText,
  scheduleZone: ZFormText,
  startTime: ZFormText,
  endTime: ZFormText,
  // Not posted (hidden, in a bulk change): the mailbox keeps its own (set-auto-reply.ts).
  internalMessage: z.string().nullable().default(null),
  externalMessage: z.string().nullable().default(null),
  externalAudience: z.string().nullable().default(null),
});

// The automatic-reply fields of a form (single or bulk; the form's other fields join with
// .and()). The form gives wall-clock times in `scheduleZone`; the catalogue takes UTC
// instants, which the parsed value carries as `autoReply` (and the zone as `scheduleZone`). Unreadable times are field errors.
export const ZAutoReplyForm = ZAutoReplyFormFields.transform((form, ctx) => {
  const { autoReplyState, scheduleZone: zone } = form;
  const scheduled = autoReplyState === "Scheduled";
  const zoneKnown = isIanaZone(zone);
  const refuse = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  if (scheduled && !zoneKnown) refuse("startTime", "The time zone of the schedule is unknown; reload the page.");
  const toUtc = (field: "startTime" | "endTime"): string | null => {
    const local = form[field].trim();
    if (!local || !scheduled || !zoneKnown) return null;
    const year = localYear(local);
    if (year !== null && (year < SCHEDULE_YEARS.first || year > SCHEDULE_YEARS.last)) {
      refuse(field, SCHEDULE_YEARS_MESSAGE);
      return null;
    }
    const instant = zonedLocalToUtc(local, zone);
    if (!instant) refuse(field, "Enter a valid date and time.");
    return instant?.toISOString() ?? null;
  };
  const autoReply = {
    autoReplyState,
    startTime: toUtc("startTime"),
    endTime: toUtc("endTime"),
    internalMessage: form.internalMessage,
    externalMessage: form.externalMessage,
    externalAudience: form.externalAudience,
  };
  // The zone its times were written in, for showing them in it later.
  return { autoReply, scheduleZone: zoneKnown ? zone : null };
});
