"use server";

import { authorisedForm } from "@/lib/action";
import { setAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { AppError } from "@/lib/errors";
import { formField, readAutoReplyFields } from "@/lib/forms/auto-reply-fields";
import { submitChange } from "@/lib/requests/submit-change";

export const setAutoReplyAction = authorisedForm("request.submit", { rateLimit: "mutation" }, async (ctx, form) => {
  const { fields, errors } = readAutoReplyFields(form);
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", undefined, errors);
  const result = await submitChange(ctx.user, setAutoReply.id, { identity: formField(form, "identity"), ...fields }, formField(form, "reason"));
  ctx.revalidate("/requests");
  return result;
});
