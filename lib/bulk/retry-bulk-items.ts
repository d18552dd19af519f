import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decideApproval } from "@/lib/policy/decide-approval";
import { listProtectedTargets, readPolicy } from "@/lib/policy/read-policy";
import { createRequests, type TNewRequest } from "@/lib/requests/create-requests";
import { transitionRequest } from "@/lib/requests/transition-request";
import { findOwnBulk, latestAttempts } from "./load-bulk";

// Lock the bulk so two clicks (or two instances) cannot both act on the same latest attempts.
// Whose it is was checked (and a refusal recorded) before the transaction, by findOwnBulk; a
// bulk's requester never changes, so the lock needs no second check.
async function lockBulk(tx: Prisma.TransactionClient, bulkId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Bulk" WHERE id = ${bulkId}::uuid FOR UPDATE`;
}

const MAX_REASON_ERROR_CHARS = 300;

// What the approver reads for a retry: the requester's own reason, or else why it is back.
function retryReason(failed: { reason: string | null; attempt: number; errorMessage: string | null }): string {
  if (failed.reason) return failed.reason;
  const error = failed.errorMessage ? `: ${failed.errorMessage.slice(0, MAX_REASON_ERROR_CHARS)}` : ".";
  return `Retry of a bulk change's mailbox after attempt ${failed.attempt} failed${error}`;
}

export type TRetryResult = { queued: number; pending: number };

// Failed mailboxes get another attempt: a new request each (the failed one stays as it
// ended, with its audit trail). Each attempt meets the policy as it is now, exactly like a
// newly submitted item: a mailbox protected since, or an action that needs approval, waits
// for an approver (who then runs it with their own token); the rest are queued for the runner
// (the requester's token). An approval is spent on the run it allowed: an attempt that was
// approved and failed asks for approval again, even if the policy no longer would.
export async function retryFailedItems(input: { user: TSessionUser; actor: TActorSnapshot; ex: TExchange; bulkId: string }): Promise<TRetryResult> {
  const { user, actor, bulkId } = input;
  const bulk = await findOwnBulk(user, bulkId, { actor, attempted: "bulk.retry" });
  const action = findAction(bulk.action);
  if (!action) throw new AppError("CONFLICT", "This bulk change's action is no longer in ExoDesk's catalogue, so it cannot be retried.");
  // Read before the transaction: Exchange is never called while rows are locked. A mailbox
  // missing from the person's scope now has no department; Exchange refuses it when it runs.
  const departments = new Map((await listMailboxes(input.ex)).map((m) => [normaliseIdentity(m.address), m.department]));
  const policy = await readPolicy(action.id);
  const protectedTargets = await listProtectedTargets();
  return await getDb().$transaction(
    async (tx) => {
      await lockBulk(tx, bulkId);
      const rows = await tx.request.findMany({ where: { bulkId } });
      const failed = latestAttempts(rows).filter((r) => r.status === "FAILED");
      if (failed.length === 0) throw new AppError("CONFLICT", "No failed mailboxes to retry. Reload to see the current state.");
      const now = Date.now();
      const retries = failed.map((f): TNewRequest => {
        const target = { address: f.targetMailbox, department: departments.get(normaliseIdentity(f.targetMailbox)) ?? null };
        const decision = decideApproval({ risk: action.risk, policy, target, protectedTargets });
        const needsApproval = decision.requiresApproval || f.deciderOid !== null;
        return {
          id: randomUUID(),
          bulkId,
          attempt: f.attempt + 1,
          tenantId: f.tenantId,
          requester: user,
          action: f.action,
          targetMailbox: f.targetMailbox,
          targetDisplayName: f.targetDisplayName,
          scheduleZone: f.scheduleZone,
          parameters: f.parameters as TNewRequest["parameters"],
          reason: needsApproval ? retryReason(f) : f.reason,
          status: needsApproval ? "PENDING_APPROVAL" : "QUEUED",
          expiresAt: needsApproval ? new Date(now + decision.pendingHours * 3600_000) : null,
        };
      });
      await createRequests(tx, retries, actor);
      const pending = retries.filter((r) => r.status === "PENDING_APPROVAL").length;
      return { queued: retries.length - pending, pending };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

// Stops what has not started: queued items are cancelled (each with its audit event); items
// already running finish, and items waiting for approval stay with the approver.
export async function stopBulk(input: { user: TSessionUser; actor: TActorSnapshot; bulkId: string }): Promise<number> {
  const { user, actor, bulkId } = input;
  await findOwnBulk(user, bulkId, { actor, attempted: "bulk.stop" });
  return await getDb().$transaction(
    async (tx) => {
      await lockBulk(tx, bulkId);
      const queued = await tx.request.findMany({ where: { bulkId, status: "QUEUED" } });
      let stopped = 0;
      for (const r of queued) {
        try {
          await transitionRequest(tx, { ...r, status: "QUEUED" }, "cancel", {}, { type: "request.cancelled", data: {} }, actor);
          stopped++;
        } catch (e) {
          if (!(e instanceof AppError && e.code === "CONFLICT")) throw e; // the runner started it meanwhile
        }
      }
      return stopped;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
