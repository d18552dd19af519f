import { createHash } from "node:crypto";
import { getSetting } from "@/lib/env/settings";

export type TChannels = { email: boolean; webhookUrls: string[] };

// Which outside channels are configured. Half a configuration is an error naming what is
// missing (scripts/serve.ts checks it before the portal listens), never mail that silently
// goes nowhere.
export function configuredChannels(): TChannels {
  const host = getSetting("EXODESK_SMTP_HOST");
  const from = getSetting("EXODESK_MAIL_FROM");
  const user = getSetting("EXODESK_SMTP_USER");
  const password = getSetting("EXODESK_SMTP_PASSWORD");
  const webhookUrls = getSetting("EXODESK_WEBHOOK_URLS");
  const secret = getSetting("EXODESK_WEBHOOK_SECRET");
  const problems: string[] = [];
  if (host && !from) problems.push("EXODESK_MAIL_FROM: required when EXODESK_SMTP_HOST is set");
  if (!host && from) problems.push("EXODESK_SMTP_HOST: required when EXODESK_MAIL_FROM is set");
  if (Boolean(user) !== Boolean(password)) problems.push("EXODESK_SMTP_USER and EXODESK_SMTP_PASSWORD: set both or neither");
  if (webhookUrls.length > 0 && !secret) problems.push("EXODESK_WEBHOOK_SECRET: required when EXODESK_WEBHOOK_URLS is set");
  if (problems.length) throw new Error(`ExoDesk is not configured: ${problems.join("; ")}. See README, "Notifications".`);
  return { email: Boolean(host), webhookUrls };
}

// How the outbox names a webhook: its origin and a digest of the whole URL, never the URL itself,
// which often carries its own credential (Teams Workflows' sig=, Slack's /services/… path). The
// sender finds the URL among those configured (send-webhook.ts); it parses as a URL whose origin
// is the webhook's, as logs and the admin's page show it.
export function webhookRef(url: string): string {
  return `${new URL(url).origin}/#${createHash("sha256").update(url).digest("hex").slice(0, 16)}`;
}
