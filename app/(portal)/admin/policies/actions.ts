"use server";

import { z } from "zod";
import { authorisedForm, type TActionContext, type TActionResult } from "@/lib/action/authorised";
import { ZCheckbox, ZFormText } from "@/lib/forms/form-fields";
import { addProtectedTarget, removeProtectedTarget, setActionPolicy } from "@/lib/policy/change-policy";
import { setNotificationSwitch, setPolicyNotifyAddress } from "@/lib/notifications/change-notification-settings";
import { retryFailedDelivery } from "@/lib/notifications/delivery-failures";

// The form's shape; what the values may be (hours, kinds) is the policy's own rule.
const ZPolicyForm = z.object({ actionId: ZFormText, requiresApproval: ZCheckbox, pendingHours: ZFormText });
const ZProtectionForm = z.object({ kind: ZFormText, value: ZFormText });
const ZRemoveProtectionForm = z.object({ id: z.uuid() });
const ZSwitchForm = z.object({ event: ZFormText, email: ZCheckbox, webhook: ZCheckbox });
const ZNotifyAddressForm = z.object({ actionId: ZFormText, notifyAddress: ZFormText });
const ZRetryDeliveryForm = z.object({ id: z.uuid() });

const done = (ctx: TActionContext, message: string): TActionResult => {
  ctx.revalidate("/admin/policies");
  return { ok: true, tone: "success", message };
};

export const savePolicyAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZPolicyForm }, async (ctx, input) => {
  await setActionPolicy(ctx.user, await ctx.actor(), input);
  return done(ctx, "Saved.");
});

export const addProtectionAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZProtectionForm }, async (ctx, input) => {
  await addProtectedTarget(ctx.user, await ctx.actor(), input);
  return done(ctx, "Protected: every change to it now needs approval.");
});

export const removeProtectionAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZRemoveProtectionForm }, async (ctx, { id }) => {
  await removeProtectedTarget(ctx.user, await ctx.actor(), id);
  return done(ctx, "Protection removed.");
});

export const saveNotificationSwitchAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZSwitchForm }, async (ctx, input) => {
  await setNotificationSwitch(ctx.user, await ctx.actor(), input);
  return done(ctx, "Saved.");
});

export const saveNotifyAddressAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZNotifyAddressForm }, async (ctx, input) => {
  await setPolicyNotifyAddress(ctx.user, await ctx.actor(), input);
  return done(ctx, input.notifyAddress.trim() ? "Saved: that address is told when a request waits." : "Saved: no address besides the approvers.");
});

export const retryDeliveryAction = authorisedForm("policy.edit", { rateLimit: "mutation", schema: ZRetryDeliveryForm }, async (ctx, { id }) => {
  await retryFailedDelivery(ctx.user, await ctx.actor(), id);
  return done(ctx, "Queued: it will be sent again shortly.");
});
