import type { PrismaClient } from "@/lib/generated/prisma/client";
import { declareCounter, declareGauge } from "@/lib/metrics/registry";
import type { TDeliveryChannel } from "./delivery-outcome";

// README, "Notifications". The counter is this instance's attempts; the gauge is read from the shared
// database at scrape time (every instance reports the same number: use max, not sum).

const attempts = declareCounter({
  name: "exodesk_notification_deliveries_total",
  help: "Attempts to deliver a notification by e-mail or webhook, by channel (email, webhook) and outcome: sent; retry (a passing failure, tried again later); failed (refused for good, or given up). Per instance.",
  labelNames: ["channel", "outcome"],
});

const failedNow = declareGauge({
  name: "exodesk_notification_deliveries_failed",
  help: "Notification deliveries that failed for good (FAILED), listed for the admin. Read from the shared database at scrape time, so every instance reports the same number: do not sum across instances.",
});

// Set just before each scrape (lib/requests/render-metrics.ts); the status column is indexed.
export async function refreshFailedDeliveries(db: PrismaClient): Promise<void> {
  failedNow.set(await db.notificationDelivery.count({ where: { status: "FAILED" } }));
}

export function countDeliveryAttempt(channel: TDeliveryChannel, outcome: "sent" | "retry" | "failed"): void {
  attempts.inc({ channel: channel.toLowerCase(), outcome });
}
