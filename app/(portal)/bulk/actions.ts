"use server";

import { z } from "zod";
import { authorised, authorisedForm, type TActionFailure } from "@/lib/action/authorised";
import { departmentRows, matchBulkRows, parseBulkList, type TBulkRow } from "@/lib/bulk/parse-bulk-rows";
import { retryFailedItems, stopBulk } from "@/lib/bulk/retry-bulk-items";
import { startBulkRunner } from "@/lib/bulk/run-bulk";
import { submitBulk } from "@/lib/bulk/submit-bulk";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import { AppError } from "@/lib/errors/app-error";
import { ZAutoReplyForm } from "@/lib/forms/auto-reply-fields";
import { ZFormText } from "@/lib/forms/form-fields";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";

export type TCheckResult = { ok: true; rows: TBulkRow[] } | TActionFailure;

const ZListText = z.string().max(1_000_000, "The list is larger than 1 MB. Split it into several bulk changes.");

// Every row of a pasted or uploaded list, checked against the mailboxes this person's
// Exchange scope shows, before anything is submitted.
export const checkBulkList = authorised("request.submit", { rateLimit: "lookup", schema: ZListText }, async ({ user }, text): Promise<TCheckResult> => {
  const parsed = parseBulkList(text);
  if (parsed.error) throw new AppError("INVALID_INPUT", parsed.error, { list: [parsed.error] });
  return { ok: true, rows: matchBulkRows(parsed.rows, await listMailboxes(await createExchangeForUser(user))) };
});

export type TDepartmentResult = { ok: true; addresses: string[] } | TActionFailure;

const CHOOSE_DEPARTMENT = "Choose a department.";
const ZDepartment = z.string({ error: CHOOSE_DEPARTMENT }).trim().min(1, CHOOSE_DEPARTMENT).max(200, CHOOSE_DEPARTMENT);

export const listDepartmentMailboxes = authorised("request.submit", { rateLimit: "lookup", schema: ZDepartment }, async ({ user }, department): Promise<TDepartmentResult> => {
  const rows = departmentRows(await listMailboxes(await createExchangeForUser(user)), department);
  return { ok: true, addresses: rows.map((r) => r.mailbox!.address) };
});

// The checked list arrives as "line<TAB>address" per mailbox; it is checked again by submitBulk.
const ZTargets = ZFormText.transform((text) =>
  text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => {
      const [line, input = ""] = l.split("\t");
      return { line: Number(line) || i + 1, input: input.trim() };
    }),
);
const ZBulkForm = z.object({ targets: ZTargets, reason: ZFormText }).and(ZAutoReplyForm);

export const submitBulkAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZBulkForm }, async (ctx, input) => {
  const ex = await createExchangeForUser(ctx.user);
  const { bulkId } = await submitBulk({ user: ctx.user, actor: await ctx.actor(), ex, targets: input.targets, rawParams: input.autoReply, reason: input.reason, scheduleZone: input.scheduleZone });
  startBulkRunner(bulkId);
  ctx.revalidate("/bulk");
  return { redirectTo: `/bulk/${bulkId}` };
});

// A malformed id is as missing as a foreign one.
const ZBulkId = z.uuid("No bulk change with that id is yours to see.");

export const retryFailedAction = authorised("request.submit", { rateLimit: "mutation", schema: ZBulkId }, async (ctx, id) => {
  const { queued, pending } = await retryFailedItems({ user: ctx.user, actor: await ctx.actor(), ex: await createExchangeForUser(ctx.user), bulkId: id });
  startBulkRunner(id);
  ctx.revalidate(`/bulk/${id}`);
  const waiting = pending > 0 ? ` ${pending} wait${pending === 1 ? "s" : ""} for an approver.` : "";
  return { ok: true as const, message: `${queued} failed mailbox${queued === 1 ? " is" : "es are"} queued again.${waiting}` };
});

export const stopBulkAction = authorised("request.submit", { rateLimit: "mutation", schema: ZBulkId }, async (ctx, id) => {
  const count = await stopBulk({ user: ctx.user, actor: await ctx.actor(), bulkId: id });
  ctx.revalidate(`/bulk/${id}`);
  return { ok: true as const, message: `${count} queued mailbox${count === 1 ? " was" : "es were"} stopped; changes already running finish.` };
});
