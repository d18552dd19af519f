"use server";

import { z } from "zod";
import { authorisedForm, type TActionContext, type TActionResult } from "@/lib/action/authorised";
import { ZFormText } from "@/lib/forms/form-fields";
import { createTemplate, deleteTemplate, updateTemplate } from "@/lib/templates/change-templates";

// The form's shape; what a template may hold is the library's own rule (change-templates.ts).
const ZTemplateForm = z.object({ name: ZFormText, internalMessage: ZFormText, externalMessage: ZFormText });
const ZEditTemplateForm = ZTemplateForm.extend({ id: z.uuid() });
const ZDeleteTemplateForm = z.object({ id: z.uuid() });

const done = (ctx: TActionContext, message: string): TActionResult => {
  ctx.revalidate("/admin/templates");
  return { ok: true, tone: "success", message };
};

export const createTemplateAction = authorisedForm("template.edit", { rateLimit: "mutation", schema: ZTemplateForm }, async (ctx, input) => {
  await createTemplate(ctx.user, await ctx.actor(), input);
  return done(ctx, `Template "${input.name.trim()}" created.`);
});

export const updateTemplateAction = authorisedForm("template.edit", { rateLimit: "mutation", schema: ZEditTemplateForm }, async (ctx, { id, ...input }) => {
  await updateTemplate(ctx.user, await ctx.actor(), id, input);
  return done(ctx, "Saved.");
});

export const deleteTemplateAction = authorisedForm("template.edit", { rateLimit: "mutation", schema: ZDeleteTemplateForm }, async (ctx, { id }) => {
  await deleteTemplate(ctx.user, await ctx.actor(), id);
  return done(ctx, "Template deleted.");
});
