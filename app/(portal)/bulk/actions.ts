"use server";

import { z } from "zod";
import { authorised, authorisedForm, type TActionFailure } from "@/lib/action";
import { departmentRows, matchBulkRows, parseBulkList, type TBulkRow } from "@/lib/bulk/parse-bulk-rows";
import { retryFailedItems, stopBulk } from "@/lib/bulk/retry-bulk-items";
import { startBulkRunner } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import { AppError } from "@/lib/errors";
import { formField, readAutoReplyFields } from "@/lib/forms/auto-reply-fields";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";

export type TCheckResult = { ok: true; rows: TBulkRow[] } | TActionFailure;

const ZListText = z.string().max(1_000_000, "The list is larger than 1 MB. Split it into several bulk changes.");

// Every row of a pasted or uploaded list, checked against the mailboxes this person's
// Exchange scope shows, before anything is submitted.
export const checkBulkList = authorised("request.submit", { rateLimit: "lookup" }, async ({ user }, text: unknown): Promise<TCheckResult> => {
  const input = ZListText.safeParse(text);
  if (!input.success) throw new AppError("INVALID_INPUT", input.error.issues[0]?.message);
  const parsed = parseBulkList(input.data);
  if (parsed.error) throw new AppError("INVALID_INPUT", parsed.error, { list: [parsed.error] });
  return { ok: true, rows: matchBulkRows(parsed.rows, await listMailboxes(await createExchangeForUser(user))) };
});

export type TDepartmentResult = { ok: true; addresses: string[] } | TActionFailure;

export const listDepartmentMailboxes = authorised("request.submit", { rateLimit: "lookup" }, async ({ user }, department: unknown): Promise<TDepartmentResult> => {
  const name = z.string().trim().min(1).max(200).safeParse(department);
  if (!name.success) throw new AppError("INVALID_INPUT", "Choose a department.");
  const rows = departmentRows(await listMailboxes(await createExchangeForUser(user)), name.data);
  return { ok: true, addresses: rows.map((r) => r.mailbox!.address) };
});

// The checked list arrives as "line<TAB>address" per mailbox; it is checked again here.
function readTargets(form: FormData) {
  return formField(form, "targets")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const [line, input = ""] = l.split("\t");
      return { line: Number(line) || i + 1, input: input.trim() };
    });
}

export const submitBulkAction = authorisedForm("request.submit", { rateLimit: "mutation" }, async (ctx, form) => {
  const { fields, errors } = readAutoReplyFields(form);
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", undefined, errors);
  const ex = await createExchangeForUser(ctx.user);
  const { bulkId } = await submitBulk({ user: ctx.user, actor: await ctx.actor(), ex, targets: readTargets(form), rawParams: fields, reason: formField(form, "reason") });
  startBulkRunner(bulkId);
  ctx.revalidate("/bulk");
  return { redirectTo: `/bulk/${bulkId}` };
});

const ZBulkId = z.uuid();

function bulkIdOf(value: unknown): string {
  const id = ZBulkId.safeParse(value);
  if (!id.success) throw new AppError("NOT_FOUND", "No bulk change with that id is yours to see.");
  return id.data;
}

export const retryFailedAction = authorised("request.submit", { rateLimit: "mutation" }, async (ctx, bulkId: unknown) => {
  const id = bulkIdOf(bulkId);
  const { queued, pending } = await retryFailedItems({ user: ctx.user, actor: await ctx.actor(), ex: await createExchangeForUser(ctx.user), bulkId: id });
  startBulkRunner(id);
  ctx.revalidate(`/bulk/${id}`);
  const waiting = pending > 0 ? ` ${pending} wait${pending === 1 ? "s" : ""} for an approver.` : "";
  return { ok: true as const, message: `${queued} failed mailbox${queued === 1 ? " is" : "es are"} queued again.${waiting}` };
});

export const stopBulkAction = authorised("request.submit", { rateLimit: "mutation" }, async (ctx, bulkId: unknown) => {
  const id = bulkIdOf(bulkId);
  const count = await stopBulk({ user: ctx.user, actor: await ctx.actor(), bulkId: id });
  ctx.revalidate(`/bulk/${id}`);
  return { ok: true as const, message: `${count} queued mailbox${count === 1 ? " was" : "es were"} stopped; changes already running finish.` };
});
