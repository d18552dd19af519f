"use server";

import { z } from "zod";
import { describeSubmitted } from "@/app/(portal)/describe-submitted";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { AppError } from "@/lib/errors/app-error";
import { ZFormText } from "@/lib/forms/form-fields";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { changeRemovalEnd } from "@/lib/requests/change-removal-end";
import { revertRequest } from "@/lib/requests/revert-request";
import { ZUntilInput } from "@/lib/requests/until-input";
import { formatInZone } from "@/lib/time/format";

const ZCancelForm = z.object({ requestId: ZFormText });
const ZRevertForm = z.object({ requestId: ZFormText, reason: ZFormText });

// Only the requester may cancel: cancelRequest answers anyone else's id as a missing one.
export const cancelAction = authorisedForm("request.readOwn", { rateLimit: "mutation", schema: ZCancelForm }, async (ctx, { requestId }) => {
  await cancelRequest({ user: ctx.user, actor: await ctx.actor(), requestId });
  ctx.revalidate(`/requests/${requestId}`);
  return { ok: true, tone: "success", message: "Cancelled. It will not run." };
});

// Revert creates a new request; its outcome shows in place, with a link to that request's
// page (this page is not rendered again for it). Only a request this person may see can be
// reverted (getVisibleRequest); a malformed id is as missing as a foreign one, rather than a
// database error.
export const revertAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZRevertForm }, async (ctx, { requestId, reason }) => {
  if (!z.uuid().safeParse(requestId).success) throw new AppError("NOT_FOUND");
  const reverted = await revertRequest({ user: ctx.user, actor: await ctx.actor(), ex: await createExchangeForUser(ctx.user), requestId, reason });
  return describeSubmitted(reverted);
});

const ZChangeEndForm = z.object({ requestId: ZFormText }).and(ZUntilInput);

// A time-bound grant's new end; its removal moves with it (change-removal-end.ts).
export const changeEndAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZChangeEndForm }, async (ctx, { requestId, until, untilZone }) => {
  if (!z.uuid().safeParse(requestId).success) throw new AppError("NOT_FOUND");
  if (!until) throw new AppError("INVALID_INPUT", undefined, { until: ["Enter the new end as a date and a time."] });
  await changeRemovalEnd({ user: ctx.user, actor: await ctx.actor(), grantId: requestId, until });
  ctx.revalidate(`/requests/${requestId}`);
  return { ok: true, tone: "success", message: `The end is now ${formatInZone(until, untilZone ?? "UTC")}; the removal is due then.` };
});
