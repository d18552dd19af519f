import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import { setAutoReply } from "@/lib/cmdlets/set-auto-reply";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { AppError, fieldErrorsOf } from "@/lib/errors/app-error";
import { assertLengths } from "@/lib/forms/assert-lengths";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decideApproval } from "@/lib/policy/decide-approval";
import { listProtectedTargets, readPolicy } from "@/lib/policy/read-policy";
import { createRequests } from "@/lib/requests/create-requests";
import { recordRefusal } from "@/lib/requests/record-refusal";
import { fillForMailboxes } from "./fill-bulk-messages";
import { MAX_BULK_ITEMS, matchBulkRows, type TBulkRow } from "./parse-bulk-rows";

// The bulk action: automatic replies for many mailboxes at once (a department closes).
export const BULK_ACTION = setAutoReply;
// Where validation of the shared message puts the mailbox, which each item supplies.
const PLACEHOLDER_IDENTITY = "bulk@placeholder.invalid";

export type TBulkTarget = { line: number; input: string };

// Many mailboxes, one message and schedule (from a template: filled per mailbox, see
// fill-bulk-messages.ts), as one bulk change whose items are ordinary
// requests: each has its own policy decision (a protected mailbox waits for an approver),
// its own audit events, and is executed and verified like a single change. Everything is
// written before anything reaches Exchange; the runner (run-bulk.ts) does the rest.
export async function submitBulk(input: {
  user: TSessionUser;
  actor: TActorSnapshot;
  ex: TExchange;
  targets: TBulkTarget[];
  rawParams: Record<string, unknown>;
  reason?: string;
  // The zone the schedule was written in (shown with its times).
  scheduleZone?: string | null;
}): Promise<{ bulkId: string; queued: number; pending: number }> {
  const { user, actor } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "bulk.submit", because: "only people who submit changes may submit one" });
    throw new AppError("FORBIDDEN");
  }
  const parsed = BULK_ACTION.schema.safeParse({ ...input.rawParams, identity: PLACEHOLDER_IDENTITY });
  assertLengths({ reason: input.reason ?? "" }, parsed.success ? {} : fieldErrorsOf(parsed.error));
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, fieldErrorsOf(parsed.error));
  const { identity: _placeholder, ...shared } = parsed.data;

  if (input.targets.length === 0) throw new AppError("INVALID_INPUT", "Choose at least one mailbox.", { targets: ["Choose at least one mailbox."] });
  if (input.targets.length > MAX_BULK_ITEMS) throw new AppError("INVALID_INPUT", `One bulk change takes at most ${MAX_BULK_ITEMS} mailboxes.`);
  // The browser's list is checked again against what this person's Exchange scope shows.
  const rows: TBulkRow[] = matchBulkRows(
    input.targets.map((t) => ({ ...t, mailbox: null, error: null })),
    await listMailboxes(input.ex),
  );
  const bad = rows.filter((r) => r.error);
  if (bad.length > 0) {
    const listed = bad.slice(0, 5).map((r) => `line ${r.line}: ${r.error}`).join(" ");
    throw new AppError("INVALID_INPUT", `${bad.length} of the mailboxes cannot be changed. ${listed} Check the list again.`, { targets: bad.map((r) => `line ${r.line}: ${r.error}`) });
  }

  // A message from a template: each mailbox's own name and end date.
  const messages = await fillForMailboxes(input.ex, shared, rows.map((r) => r.mailbox!));

  const policy = await readPolicy(BULK_ACTION.id);
  const protectedTargets = await listProtectedTargets();
  const items = rows.map((r) => {
    const mailbox = r.mailbox!;
    const decision = decideApproval({ risk: BULK_ACTION.risk, policy, target: mailbox, protectedTargets });
    return { id: randomUUID(), mailbox, decision };
  });
  const pending = items.filter((i) => i.decision.requiresApproval);
  const reason = input.reason?.trim() || null;
  if (pending.length > 0 && !reason) {
    throw new AppError("INVALID_INPUT", `${pending.length} of the mailboxes need approval (${pending[0]!.decision.because}) Say why the change is needed; the approver reads it.`, {
      reason: ["Say why this change is needed."],
    });
  }

  const bulkId = randomUUID();
  const now = Date.now();
  await getDb().$transaction(
    async (tx) => {
      await tx.bulk.create({
        data: {
          id: bulkId,
          tenantId: user.tid,
          requesterOid: user.oid,
          requesterUpn: user.upn,
          requesterName: user.name,
          requesterActor: actor as Prisma.InputJsonValue,
          action: BULK_ACTION.id,
          parameters: shared as Prisma.InputJsonValue,
          itemCount: items.length,
        },
      });
      await createRequests(
        tx,
        items.map(({ id, mailbox, decision }) => ({
          id,
          bulkId,
          tenantId: user.tid,
          requester: user,
          action: BULK_ACTION.id,
          targetMailbox: mailbox.address,
          targetDisplayName: mailbox.displayName,
          scheduleZone: input.scheduleZone ?? null,
          parameters: { ...shared, ...messages.get(mailbox.address), identity: mailbox.address },
          reason,
          status: decision.requiresApproval ? "PENDING_APPROVAL" : "QUEUED",
          expiresAt: decision.requiresApproval ? new Date(now + decision.pendingHours * 3600_000) : null,
        })),
        actor,
      );
    },
    // One audit row per mailbox, chained one after another: allow for thousands.
    { timeout: 60_000 + items.length * 100, maxWait: 30_000 },
  );
  return { bulkId, queued: items.length - pending.length, pending: pending.length };
}
