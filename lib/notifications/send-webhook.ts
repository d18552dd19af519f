import "server-only";
import { createHmac } from "node:crypto";
import { configuredChannels, webhookRef } from "./channels";
import { describeError, type TAttemptOutcome, type TChannelSender, type TOutgoing } from "./delivery-outcome";

export const SIGNATURE_HEADER = "X-ExoDesk-Signature";

// The signature a receiver checks (README, "Notifications"), as Stripe and Slack sign theirs:
// HMAC-SHA256 under the shared secret of "<unix seconds>.<the body as sent>", sent as
// `X-ExoDesk-Signature: t=<unix seconds>,v1=<hex>`. The time inside the signed text lets the
// receiver refuse a replayed old request (say, older than 5 minutes).
export function signWebhook(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac("sha256", secret).update(`${timestampSeconds}.${body}`).digest("hex");
  return `t=${timestampSeconds},v1=${v1}`;
}

// Where a webhook goes, for logs and errors: its origin only. Webhook URLs often carry their own
// credential in the path or query (Teams Workflows' sig=, Slack's /services/… path).
export function webhookOrigin(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : "(not a URL)";
}

// 408 and 429 say "later"; other 4xx say this request will never be accepted. A redirect is
// not followed: a webhook URL must answer itself.
function classifyStatus(status: number, origin: string): TAttemptOutcome {
  if (status >= 200 && status < 300) return { kind: "sent" };
  const error = `the webhook at ${origin} answered HTTP ${status}`;
  const transient = status === 408 || status === 429 || status >= 500;
  return { kind: transient ? "transient" : "permanent", error };
}

// `urls`: the webhooks configured now (EXODESK_WEBHOOK_URLS); a delivery names one by its
// reference (channels.ts webhookRef), and one taken out of the settings gets nothing more.
export function createWebhookSender(options: { secret: string; urls?: readonly string[]; now?: () => number; timeoutMs?: number }): TChannelSender {
  const now = options.now ?? Date.now;
  const urls = options.urls ?? configuredChannels().webhookUrls;
  return async (delivery: TOutgoing): Promise<TAttemptOutcome> => {
    const url = urls.find((u) => webhookRef(u) === delivery.recipient);
    if (!url) return { kind: "permanent", error: `The webhook at ${webhookOrigin(delivery.recipient)} is no longer in EXODESK_WEBHOOK_URLS.` };
    const origin = webhookOrigin(url);
    const body = JSON.stringify({ id: delivery.id, ...delivery.payload });
    try {
      const res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        headers: {
          "content-type": "application/json",
          "user-agent": "ExoDesk",
          "idempotency-key": delivery.id,
          "x-exodesk-event": delivery.payload.event,
          [SIGNATURE_HEADER.toLowerCase()]: signWebhook(options.secret, Math.floor(now() / 1000), body),
        },
        body,
      });
      await res.body?.cancel();
      return classifyStatus(res.status, origin);
    } catch (e) {
      // fetch's own errors name the cause (refused, reset, timed out), never the URL's path.
      const cause = e instanceof Error ? ((e.cause as Error | undefined)?.message ?? e.message) : String(e);
      return { kind: "transient", error: describeError(`the webhook at ${origin} could not be reached: ${cause}`) };
    }
  };
}
