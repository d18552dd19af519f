"use server";

import { z } from "zod";
import { authorisedForm, type TActionContext, type TActionResult } from "@/lib/action";
import { addProtectedTarget, removeProtectedTarget, setActionPolicy } from "@/lib/policy/change-policy";

const done = (ctx: TActionContext, message: string): TActionResult => {
  ctx.revalidate("/admin/policies");
  return { ok: true, tone: "success", message };
};

export const savePolicyAction = authorisedForm("policy.edit", { rateLimit: "mutation" }, async (ctx, form) => {
  await setActionPolicy(ctx.user, await ctx.actor(), {
    actionId: form.get("actionId"),
    requiresApproval: form.get("requiresApproval") === "on",
    pendingHours: form.get("pendingHours"),
  });
  return done(ctx, "Saved.");
});

export const addProtectionAction = authorisedForm("policy.edit", { rateLimit: "mutation" }, async (ctx, form) => {
  await addProtectedTarget(ctx.user, await ctx.actor(), { kind: form.get("kind"), value: form.get("value") });
  return done(ctx, "Protected: every change to it now needs approval.");
});

export const removeProtectionAction = authorisedForm("policy.edit", { rateLimit: "mutation" }, async (ctx, form) => {
  await removeProtectedTarget(ctx.user, await ctx.actor(), z.uuid().parse(form.get("id")));
  return done(ctx, "Protection removed.");
});
