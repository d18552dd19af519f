import "server-only";
import { getDb } from "@/lib/db/client";
import { getSetting } from "@/lib/env/settings";
import { log } from "@/lib/log/logger";
import { configuredChannels } from "./channels";
import { createNotificationSender } from "./deliver-notifications";
import { setNotificationDeliveryKick } from "./kick-delivery";
import { createEmailSender } from "./send-email";
import { createWebhookSender } from "./send-webhook";

// A pass shortly after a change queues notices: long enough for its transaction to commit and
// for the notices of one moment (an approver's several requests) to go in one pass.
const KICK_DELAY_MS = 250;

// The portal's delivery loop (instrumentation.ts): a pass at start-up, one every
// EXODESK_NOTIFICATION_POLL_SECONDS (which also brings retries due and other instances' notices),
// and one moments after this instance queues a notice. Safe in several instances: each row is
// claimed by one (deliver-notifications.ts). Returns how to stop it (tests).
export function startNotificationDelivery(): () => void {
  const channels = configuredChannels();
  const sendEmail = channels.email
    ? createEmailSender({
        host: getSetting("EXODESK_SMTP_HOST")!,
        port: getSetting("EXODESK_SMTP_PORT"),
        tls: getSetting("EXODESK_SMTP_TLS"),
        user: getSetting("EXODESK_SMTP_USER"),
        password: getSetting("EXODESK_SMTP_PASSWORD"),
        from: getSetting("EXODESK_MAIL_FROM")!,
      })
    : undefined;
  const secret = getSetting("EXODESK_WEBHOOK_SECRET");
  // Only to the URLs configured now: a URL taken out of the settings gets nothing more.
  const sendWebhook = secret ? createWebhookSender({ secret, urls: channels.webhookUrls }) : undefined;
  const sender = createNotificationSender({ db: getDb(), channels: { EMAIL: sendEmail, WEBHOOK: sendWebhook } });
  const run = () => {
    sender.deliverDue().catch((e: unknown) => log.error({ err: e instanceof Error ? e : { message: "non-error thrown" } }, "notification delivery pass failed"));
  };
  let kicked: NodeJS.Timeout | undefined;
  setNotificationDeliveryKick(() => {
    kicked ??= setTimeout(() => {
      kicked = undefined;
      run();
    }, KICK_DELAY_MS);
  });
  const pollSeconds = getSetting("EXODESK_NOTIFICATION_POLL_SECONDS");
  run();
  const poll = setInterval(run, pollSeconds * 1000).unref();
  log.info({ email: Boolean(sendEmail), webhooks: channels.webhookUrls.length, pollSeconds }, "notification delivery started");
  return () => {
    clearInterval(poll);
    clearTimeout(kicked);
    setNotificationDeliveryKick(undefined);
    sendEmail?.close();
  };
}
