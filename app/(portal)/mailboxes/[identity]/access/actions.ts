"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { AppError } from "@/lib/errors/app-error";
import { ZCheckbox, ZFormText } from "@/lib/forms/form-fields";
import type { TRightAfterChange } from "@/lib/cmdlets/access-rows";
import { rightAfterChange } from "@/lib/cmdlets/read-access";
import { rightKindOf } from "@/lib/cmdlets/right-kinds";
import { submitRequest } from "@/lib/requests/submit-request";
import { ZUntilInput } from "@/lib/requests/until-input";
import { describeSubmitted } from "@/app/(portal)/describe-submitted";

const ZAccessForm = z.object({
  identity: ZFormText,
  actionId: ZFormText,
  trustee: ZFormText,
  autoMapping: ZCheckbox,
  accessRights: ZFormText,
  delegate: ZCheckbox,
  canViewPrivateItems: ZCheckbox,
  sendNotificationToUser: ZCheckbox,
  reason: ZFormText,
}).and(ZUntilInput);

// What the page shows after a change: the request (its outcome goes on top of the page) and the
// changed right as read back, when it was read back.
export type TAccessChangeShown = { requestId: string; change: TRightAfterChange | null; until: string | null };

// One entry point for every delegate change on the access page; the action id must be one of
// the page's catalogue actions, and each action's own schema decides what the rest may be.
// The page applies the read-back to its table itself: no page is revalidated, since rendering
// it again would read every list from Exchange again.
export const changeAccessAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZAccessForm }, async (ctx, input) => {
  const { actionId, reason, until, untilZone, ...rawParams } = input;
  const kind = rightKindOf(actionId);
  if (!kind) throw new AppError("NOT_FOUND", "That change is not offered on this page.");
  const result = await submitRequest({ user: ctx.user, actor: await ctx.actor(), ex: await createExchangeForUser(ctx.user), actionId, rawParams, reason, until, scheduleZone: untilZone });
  const after = result.outcome?.after;
  const change = after && result.trustee ? rightAfterChange(kind, after, result.trustee) : null;
  const ends = until && result.outcome?.status === "SUCCEEDED" ? until.toISOString() : null;
  return describeSubmitted<TAccessChangeShown>(result, { requestId: result.requestId, change, until: ends });
});
