import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError, fieldErrorsOf } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ZMessageHtml } from "@/lib/cmdlets/set-auto-reply";
import { isBlankMessage } from "@/lib/html/message-html";
import { checkPlaceholders } from "./placeholders";

// Admins keep the library of automatic-reply templates; every change is audited with what the
// template was and what it became.
function assertAdmin(admin: TSessionUser) {
  if (!hasPermission(admin.roles, "template.edit")) throw new AppError("FORBIDDEN", "Only admins can change automatic-reply templates.");
}

// A template's text passes the same checks and sanitiser as any message, and names only known
// placeholders.
const ZTemplateMessage = ZMessageHtml.superRefine((html, ctx) => {
  const reason = checkPlaceholders(html);
  if (reason) ctx.addIssue({ code: "custom", message: reason });
});

export const ZTemplate = z.object({
  name: z.string().trim().min(1, "Give the template a name.").max(100, "Keep the name under 100 characters."),
  internalMessage: ZTemplateMessage.refine((html) => !isBlankMessage(html), "Write the reply people inside the organisation get."),
  externalMessage: ZTemplateMessage,
});

type TTemplateText = z.infer<typeof ZTemplate>;

function parseTemplate(input: unknown): TTemplateText {
  const parsed = ZTemplate.safeParse(input);
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, fieldErrorsOf(parsed.error));
  return parsed.data;
}

const textOf = (row: TTemplateText): TTemplateText => ({ name: row.name, internalMessage: row.internalMessage, externalMessage: row.externalMessage });

async function refuseTakenName(tx: Prisma.TransactionClient, name: string, id?: string) {
  const other = await tx.autoReplyTemplate.findUnique({ where: { name } });
  if (other && other.id !== id) throw new AppError("CONFLICT", `A template named "${name}" already exists.`, { name: ["Choose another name."] });
}

export async function createTemplate(admin: TSessionUser, actor: TActorSnapshot, input: unknown): Promise<string> {
  assertAdmin(admin);
  const after = parseTemplate(input);
  return await getDb().$transaction(async (tx) => {
    await refuseTakenName(tx, after.name);
    const row = await tx.autoReplyTemplate.create({ data: { ...after, updatedByUpn: admin.upn } });
    await writeAudit(tx, { type: "template.changed", data: { templateId: row.id, change: "created", name: after.name, before: null, after } }, actor);
    return row.id;
  });
}

export async function updateTemplate(admin: TSessionUser, actor: TActorSnapshot, id: string, input: unknown): Promise<void> {
  assertAdmin(admin);
  const after = parseTemplate(input);
  await getDb().$transaction(async (tx) => {
    const row = await tx.autoReplyTemplate.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", "That template was deleted. Reload the page.");
    await refuseTakenName(tx, after.name, id);
    // Conditional on the version read: an edit made meanwhile is not overwritten unseen.
    const { count } = await tx.autoReplyTemplate.updateMany({ where: { id, updatedAt: row.updatedAt }, data: { ...after, updatedByUpn: admin.upn } });
    if (count !== 1) throw new AppError("CONFLICT", "Someone else changed this template first. Reload to see their version.");
    await writeAudit(tx, { type: "template.changed", data: { templateId: id, change: "edited", name: after.name, before: textOf(row), after } }, actor);
  });
}

export async function deleteTemplate(admin: TSessionUser, actor: TActorSnapshot, id: string): Promise<void> {
  assertAdmin(admin);
  await getDb().$transaction(async (tx) => {
    const row = await tx.autoReplyTemplate.findUnique({ where: { id } });
    if (!row) throw new AppError("NOT_FOUND", "That template was already deleted.");
    const { count } = await tx.autoReplyTemplate.deleteMany({ where: { id, updatedAt: row.updatedAt } });
    if (count !== 1) throw new AppError("CONFLICT", "Someone else changed this template first. Reload to see their version.");
    await writeAudit(tx, { type: "template.changed", data: { templateId: id, change: "deleted", name: row.name, before: textOf(row), after: null } }, actor);
  });
}
