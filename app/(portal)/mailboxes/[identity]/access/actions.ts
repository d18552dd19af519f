"use server";

import { authorisedForm } from "@/lib/action";
import { AppError } from "@/lib/errors";
import { submitChange } from "@/lib/requests/submit-change";
import { ACCESS_ACTION_IDS } from "./access-kinds";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};
const checked = (form: FormData, name: string) => form.get(name) === "on";

// One entry point for every delegate change on the access page; the action id must be one of
// the page's catalogue actions, and each action's own schema decides what the rest may be.
// On success the page reloads with the request's outcome on top (the changed row may have
// gone, taking its button with it); refusals come back to the form that sent them.
export const changeAccessAction = authorisedForm("request.submit", { rateLimit: "mutation" }, async (ctx, form) => {
  const identity = text(form, "identity");
  const actionId = text(form, "actionId");
  if (!(ACCESS_ACTION_IDS as readonly string[]).includes(actionId)) throw new AppError("NOT_FOUND", "That change is not offered on this page.");
  const rawParams = {
    identity,
    trustee: text(form, "trustee"),
    autoMapping: checked(form, "autoMapping"),
    accessRights: text(form, "accessRights"),
    delegate: checked(form, "delegate"),
    canViewPrivateItems: checked(form, "canViewPrivateItems"),
    sendNotificationToUser: checked(form, "sendNotificationToUser"),
  };
  const result = await submitChange(ctx.user, actionId, rawParams, text(form, "reason"));
  const href = result.ok ? result.href : undefined;
  const page = `/mailboxes/${encodeURIComponent(identity)}/access`;
  ctx.revalidate(page);
  ctx.revalidate("/requests");
  return { redirectTo: href ? `${page}?request=${href.split("/").pop()}` : page };
});
