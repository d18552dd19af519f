import "server-only";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { webhookOrigin } from "./send-webhook";

// The admin's view of the outbox: deliveries the sender gave up on, and how many it still retries.

// A webhook URL may carry its secret (Teams Workflows' sig=, Slack's path), so a webhook is shown
// and audited by its origin only, as the sender logs it; an e-mail recipient is an address.
function describeRecipient(channel: "EMAIL" | "WEBHOOK", recipient: string): string {
  return channel === "EMAIL" ? recipient : webhookOrigin(recipient);
}

const FAILURES_SHOWN = 50;

export async function listDeliveryFailures(take = FAILURES_SHOWN) {
  const db = getDb();
  const [failed, failedCount, retrying] = await Promise.all([
    db.notificationDelivery.findMany({
      where: { status: "FAILED" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take,
      select: { id: true, createdAt: true, event: true, channel: true, recipient: true, attempts: true, lastError: true },
    }),
    db.notificationDelivery.count({ where: { status: "FAILED" } }),
    // Tried and failed at least once, to be tried again.
    db.notificationDelivery.count({ where: { status: { in: ["PENDING", "SENDING"] }, attempts: { gt: 0 } } }),
  ]);
  return { failed: failed.map((d) => ({ ...d, recipient: describeRecipient(d.channel, d.recipient) })), failedCount, retrying };
}

// Puts a failed delivery back in the outbox for a new round of attempts, now. Conditional on
// it still being FAILED, so two admins (or two clicks) retry it once.
export async function retryFailedDelivery(admin: TSessionUser, actor: TActorSnapshot, id: string, now = new Date()): Promise<void> {
  if (!hasPermission(admin.roles, "policy.edit")) throw new AppError("FORBIDDEN", "Only admins can retry deliveries.");
  await getDb().$transaction(async (tx) => {
    const row = await tx.notificationDelivery.findUnique({ where: { id }, select: { event: true, channel: true, recipient: true, attempts: true, lastError: true } });
    const { count } = await tx.notificationDelivery.updateMany({
      where: { id, status: "FAILED" },
      data: { status: "PENDING", attempts: 0, nextAttemptAt: now, leaseUntil: null },
    });
    if (!row) throw new AppError("NOT_FOUND", "That delivery does not exist.");
    if (count !== 1) throw new AppError("CONFLICT", "That delivery is no longer failed: it was tried again already.");
    await writeAudit(tx, {
      type: "notification.delivery-retried",
      data: { deliveryId: id, event: row.event, channel: row.channel, recipient: describeRecipient(row.channel, row.recipient), attempts: row.attempts, lastError: row.lastError },
    }, actor);
  });
}
