import "server-only";
import { getSetting } from "@/lib/env/settings";
import { normaliseIdentity } from "@/lib/exchange/identity";
import type { Prisma } from "@/lib/generated/prisma/client";
import { configuredChannels, webhookRef } from "./channels";
import type { TNotificationEvent } from "./events";
import { kickNotificationDelivery } from "./kick-delivery";

// Something that happened, for the people it concerns, in plain words.
export type TNotice = {
  event: TNotificationEvent;
  tid: string;
  requestId?: string | null;
  // The portal page it is about ("/requests/<id>"): the only thing a message links to.
  path: string;
  subject: string;
  text: string;
  // Each gets an entry in their in-app list and an e-mail to their address (their UPN).
  people: readonly { oid: string; upn: string }[];
  // Told by e-mail only (a policy's team mailbox).
  addresses?: readonly string[];
};

// What an e-mail or webhook delivery carries (NotificationDelivery.payload).
export type TDeliveryPayload = { event: TNotificationEvent; subject: string; text: string; link: string; requestId: string | null; occurredAt: string };

// Writes a notice in the caller's transaction, so it exists exactly when the change that
// causes it commits: the in-app entries and the outbox rows the sender delivers afterwards
// (deliver-notifications.ts). Nothing here talks to a mail server or a webhook, so a
// notification can never block or fail the change itself.
export async function queueNotification(tx: Prisma.TransactionClient, notice: TNotice, now = new Date()): Promise<void> {
  const people = [...new Map(notice.people.map((p) => [p.oid, p])).values()];
  if (people.length > 0) {
    await tx.notification.createMany({
      data: people.map((p) => ({
        tid: notice.tid,
        recipientOid: p.oid,
        event: notice.event,
        requestId: notice.requestId ?? null,
        link: notice.path,
        subject: notice.subject,
        text: notice.text,
        createdAt: now,
      })),
    });
  }
  const channels = configuredChannels();
  if (!channels.email && channels.webhookUrls.length === 0) return;
  const switches = await tx.notificationSwitch.findUnique({ where: { event: notice.event } });
  const addresses = channels.email && (switches?.email ?? true) ? [...new Set([...people.map((p) => p.upn), ...(notice.addresses ?? [])].map(normaliseIdentity))] : [];
  const webhooks = switches?.webhook ?? true ? channels.webhookUrls : [];
  if (addresses.length === 0 && webhooks.length === 0) return;
  const payload: TDeliveryPayload = {
    event: notice.event,
    subject: notice.subject,
    text: notice.text,
    link: new URL(notice.path, getSetting("NEXTAUTH_URL")).toString(),
    requestId: notice.requestId ?? null,
    occurredAt: now.toISOString(),
  };
  await tx.notificationDelivery.createMany({
    data: [
      ...addresses.map((recipient) => ({ event: notice.event, channel: "EMAIL" as const, recipient, payload, createdAt: now, nextAttemptAt: now })),
      ...webhooks.map((url) => ({ event: notice.event, channel: "WEBHOOK" as const, recipient: webhookRef(url), payload, createdAt: now, nextAttemptAt: now })),
    ],
  });
  kickNotificationDelivery();
}
