"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { AppError } from "@/lib/errors/app-error";
import { ZCheckbox, ZFormText } from "@/lib/forms/form-fields";
import { submitRequest } from "@/lib/requests/submit-request";
import { ACCESS_ACTION_IDS } from "./access-kinds";

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
});

// One entry point for every delegate change on the access page; the action id must be one of
// the page's catalogue actions, and each action's own schema decides what the rest may be.
// On success the page reloads with the request's outcome on top (the changed row may have
// gone, taking its button with it); refusals come back to the form that sent them.
export const changeAccessAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZAccessForm }, async (ctx, input) => {
  const { actionId, reason, ...rawParams } = input;
  if (!(ACCESS_ACTION_IDS as readonly string[]).includes(actionId)) throw new AppError("NOT_FOUND", "That change is not offered on this page.");
  const { requestId } = await submitRequest({ user: ctx.user, actor: await ctx.actor(), ex: await createExchangeForUser(ctx.user), actionId, rawParams, reason });
  const page = `/mailboxes/${encodeURIComponent(input.identity)}/access`;
  ctx.revalidate(page);
  ctx.revalidate("/requests");
  return { redirectTo: `${page}?request=${requestId}` };
});
