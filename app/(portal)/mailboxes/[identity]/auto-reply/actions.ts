"use server";

import { authorisedForm } from "@/lib/action";
import { setAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { AppError } from "@/lib/errors";
import { submitChange } from "@/lib/requests/submit-change";
import { isIanaZone, zonedLocalToUtc } from "@/lib/time/zones";

function field(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
}

// The form gives wall-clock times in the mailbox's zone; the catalogue takes UTC instants.
function toUtc(form: FormData, name: string, zone: string, errors: Record<string, string[]>): string | null {
  const local = field(form, name).trim();
  if (!local) return null;
  const instant = zonedLocalToUtc(local, zone);
  if (!instant) errors[name] = ["Enter a valid date and time."];
  return instant?.toISOString() ?? null;
}

export const setAutoReplyAction = authorisedForm("request.submit", async (ctx, form) => {
  const zone = field(form, "scheduleZone");
  const errors: Record<string, string[]> = {};
  const state = field(form, "autoReplyState");
  const scheduled = state === "Scheduled";
  if (scheduled && !isIanaZone(zone)) errors.startTime = ["The mailbox's time zone is unknown; reload the page."];
  const rawParams = {
    identity: field(form, "identity"),
    autoReplyState: state,
    startTime: scheduled ? toUtc(form, "startTime", zone, errors) : null,
    endTime: scheduled ? toUtc(form, "endTime", zone, errors) : null,
    internalMessage: field(form, "internalMessage"),
    externalMessage: field(form, "externalMessage"),
    externalAudience: field(form, "externalAudience"),
  };
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", undefined, errors);
  const result = await submitChange(ctx.user, setAutoReply.id, rawParams, field(form, "reason"));
  ctx.revalidate("/requests");
  return result;
});
