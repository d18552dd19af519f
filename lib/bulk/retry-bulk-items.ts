import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { moveRequest } from "@/lib/requests/move-request";
import { latestAttempts } from "./load-bulk";

// Lock the bulk so two clicks (or two instances) cannot both act on the same latest attempts.
async function lockOwnBulk(tx: Prisma.TransactionClient, user: TSessionUser, bulkId: string) {
  const bulk = await tx.bulk.findFirst({ where: { id: bulkId, requesterOid: user.oid, tenantId: user.tid } });
  if (!bulk) throw new AppError("NOT_FOUND", "No bulk change with that id is yours to see.");
  await tx.$queryRaw`SELECT id FROM "Bulk" WHERE id = ${bulkId}::uuid FOR UPDATE`;
  return bulk;
}

// Failed mailboxes get another attempt: a new request each (the failed one stays as it
// ended, with its audit trail), queued for the runner.
export async function retryFailedItems(input: { user: TSessionUser; actor: TActorSnapshot; bulkId: string }): Promise<number> {
  const { user, actor, bulkId } = input;
  return await getDb().$transaction(
    async (tx) => {
      await lockOwnBulk(tx, user, bulkId);
      const rows = await tx.request.findMany({ where: { bulkId } });
      const failed = latestAttempts(rows).filter((r) => r.status === "FAILED");
      if (failed.length === 0) throw new AppError("CONFLICT", "No failed mailboxes to retry. Reload to see the current state.");
      for (const f of failed) {
        const id = randomUUID();
        const attempt = f.attempt + 1;
        await tx.request.create({
          data: {
            id,
            bulkId,
            attempt,
            tenantId: f.tenantId,
            requesterOid: user.oid,
            requesterUpn: user.upn,
            requesterName: user.name,
            action: f.action,
            targetMailbox: f.targetMailbox,
            targetDisplayName: f.targetDisplayName,
            parameters: f.parameters as Prisma.InputJsonValue,
            reason: f.reason,
            status: "QUEUED",
          },
        });
        const data = { action: f.action, parameters: f.parameters as Record<string, unknown>, needsApproval: false, reason: f.reason, bulkId, attempt };
        await writeAudit(tx, { type: "request.submitted", data }, actor, { requestId: id, targetMailbox: f.targetMailbox, action: f.action, status: "QUEUED" });
      }
      return failed.length;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}

// Stops what has not started: queued items are cancelled (each with its audit event); items
// already running finish, and items waiting for approval stay with the approver.
export async function stopBulk(input: { user: TSessionUser; actor: TActorSnapshot; bulkId: string }): Promise<number> {
  const { user, actor, bulkId } = input;
  return await getDb().$transaction(
    async (tx) => {
      await lockOwnBulk(tx, user, bulkId);
      const queued = await tx.request.findMany({ where: { bulkId, status: "QUEUED" } });
      let stopped = 0;
      for (const r of queued) {
        try {
          await moveRequest(tx, { ...r, status: "QUEUED" }, "cancel", {}, { type: "request.cancelled", data: {} }, actor);
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
