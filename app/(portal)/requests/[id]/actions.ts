"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { revertChange } from "@/lib/requests/submit-change";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

// Only the requester may cancel: cancelRequest answers anyone else's id as a missing one.
export const cancelAction = authorisedForm("request.readOwn", { rateLimit: "mutation" }, async (ctx, form) => {
  const requestId = text(form, "requestId");
  await cancelRequest({ user: ctx.user, actor: await ctx.actor(), requestId });
  ctx.revalidate(`/requests/${requestId}`);
  return { ok: true, tone: "success", message: "Cancelled. It will not run." };
});

// Revert creates a new request; its page shows what happened to it. Only a request this
// person may see can be reverted (getVisibleRequest); a malformed id is as missing as a
// foreign one, rather than a database error.
export const revertAction = authorisedForm("request.submit", { rateLimit: "mutation" }, async (ctx, form) => {
  const requestId = text(form, "requestId");
  if (!z.uuid().safeParse(requestId).success) throw new AppError("NOT_FOUND");
  const result = await revertChange(ctx.user, requestId, text(form, "reason"));
  ctx.revalidate(`/requests/${requestId}`);
  return { redirectTo: result.ok && result.href ? result.href : `/requests/${requestId}` };
});
