import "server-only";
import type { NotificationDelivery, Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log/logger";
import { countDeliveryAttempt } from "./delivery-metrics";
import { describeError, type TAttemptOutcome, type TChannelSender, type TDeliveryChannel } from "./delivery-outcome";
import { nextAttemptAt } from "./delivery-schedule";
import type { TDeliveryPayload } from "./queue-notification";

// The sender: delivers the outbox (NotificationDelivery rows written by queueNotification) at
// least once, each row by one instance at a time. A row is claimed by a conditional update,
// PENDING and due, or SENDING with its holder's lease run out (the holder crashed), to SENDING
// with a lease of this sender's; the lease's value is the claim's token, so only the holder
// records the outcome: SENT, PENDING again later (a passing failure, with backoff), or FAILED
// (refused for good, or given up). A holder that outlives its lease may send a second copy:
// receivers drop it by its id (Message-ID, Idempotency-Key).

export type TPassSummary = { sent: number; retried: number; failed: number };

export type TNotificationSender = {
  // Delivers everything due, claim by claim, until nothing is; one pass at a time in this sender
  // (a call during a pass asks for another pass after it, and gets the promise of both).
  deliverDue(): Promise<TPassSummary>;
};

const BATCH = 8;
// Longer than one batch takes: its sends run side by side, each bounded by the channel's timeouts (≤ 60 s).
const LEASE_MS = 2 * 60_000;

const dueAt = (now: Date): Prisma.NotificationDeliveryWhereInput => ({
  OR: [
    { status: "PENDING", nextAttemptAt: { lte: now } },
    { status: "SENDING", leaseUntil: { lt: now } },
  ],
});

export function createNotificationSender(options: {
  db: PrismaClient;
  channels: Partial<Record<TDeliveryChannel, TChannelSender>>;
  now?: () => number;
}): TNotificationSender {
  const { db, channels } = options;
  const now = () => new Date((options.now ?? Date.now)());

  async function claimDue(): Promise<NotificationDelivery[]> {
    const at = now();
    const due = await db.notificationDelivery.findMany({ where: dueAt(at), orderBy: { nextAttemptAt: "asc" }, take: BATCH, select: { id: true, status: true, leaseUntil: true } });
    const lease = new Date(at.getTime() + LEASE_MS);
    const claimed: string[] = [];
    for (const d of due) {
      const still: Prisma.NotificationDeliveryWhereInput =
        d.status === "PENDING" ? { id: d.id, status: "PENDING", nextAttemptAt: { lte: at } } : { id: d.id, status: "SENDING", leaseUntil: d.leaseUntil };
      const { count } = await db.notificationDelivery.updateMany({ where: still, data: { status: "SENDING", leaseUntil: lease, attempts: { increment: 1 } } });
      if (count === 1) claimed.push(d.id);
    }
    return claimed.length ? await db.notificationDelivery.findMany({ where: { id: { in: claimed }, leaseUntil: lease } }) : [];
  }

  async function attempt(d: NotificationDelivery): Promise<TAttemptOutcome> {
    const send = channels[d.channel];
    if (!send) return { kind: "permanent", error: d.channel === "EMAIL" ? "E-mail is no longer configured (EXODESK_SMTP_HOST)." : "Webhooks are no longer configured (EXODESK_WEBHOOK_URLS)." };
    try {
      return await send({ id: d.id, recipient: d.recipient, payload: d.payload as TDeliveryPayload });
    } catch (e) {
      return { kind: "transient", error: describeError(e instanceof Error ? e.message : String(e)) };
    }
  }

  // Records the outcome only while this sender still holds the claim.
  async function deliver(d: NotificationDelivery): Promise<keyof TPassSummary> {
    const outcome = await attempt(d);
    const at = now();
    let data: Prisma.NotificationDeliveryUpdateManyMutationInput;
    let result: keyof TPassSummary;
    if (outcome.kind === "sent") {
      data = { status: "SENT", sentAt: at, leaseUntil: null };
      result = "sent";
    } else {
      const next = outcome.kind === "transient" ? nextAttemptAt(d, at) : null;
      const gaveUp = outcome.kind === "transient" && !next;
      const lastError = gaveUp ? describeError(`Gave up after ${d.attempts} attempts: ${outcome.error}`) : outcome.error;
      data = next ? { status: "PENDING", nextAttemptAt: next, leaseUntil: null, lastError } : { status: "FAILED", leaseUntil: null, lastError };
      result = next ? "retried" : "failed";
    }
    const { count } = await db.notificationDelivery.updateMany({ where: { id: d.id, status: "SENDING", leaseUntil: d.leaseUntil }, data });
    countDeliveryAttempt(d.channel, result === "retried" ? "retry" : result);
    const fields = { deliveryId: d.id, channel: d.channel, event: d.event, attempts: d.attempts, outcome: result };
    if (count !== 1) log.warn(fields, "notification delivery outlived its lease; another instance may send it again");
    else if (outcome.kind === "sent") log.info(fields, "notification delivered");
    else log.warn({ ...fields, error: outcome.error }, result === "failed" ? "notification delivery failed" : "notification delivery will be tried again");
    return result;
  }

  async function pass(): Promise<TPassSummary> {
    const summary: TPassSummary = { sent: 0, retried: 0, failed: 0 };
    for (let claimed = await claimDue(); claimed.length > 0; claimed = await claimDue()) {
      for (const result of await Promise.all(claimed.map(deliver))) summary[result]++;
    }
    return summary;
  }

  let running: Promise<TPassSummary> | null = null;
  let again = false;
  return {
    deliverDue() {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        const total: TPassSummary = { sent: 0, retried: 0, failed: 0 };
        do {
          again = false;
          const summary = await pass();
          for (const k of Object.keys(total) as (keyof TPassSummary)[]) total[k] += summary[k];
        } while (again);
        return total;
      })().finally(() => (running = null));
      return running;
    },
  };
}
