import { escapeHtml } from "../http";
import type { TReceivedMail } from "./mail-sink";
import type { TReceivedWebhook } from "./webhook-receiver";

// The demo's inbox (GET /_emulator/inbox, loopback only): the mail the portal sent and the
// webhooks it posted, newest first, readable without a mail client.
export function renderInbox(mail: TReceivedMail[], webhooks: TReceivedWebhook[]): string {
  const messages = [...mail].reverse().map(
    (m) => `<article>
  <h3>${escapeHtml(m.subject)}</h3>
  <dl><dt>To</dt><dd>${escapeHtml(m.to)}</dd><dt>From</dt><dd>${escapeHtml(m.from)}</dd><dt>Received</dt><dd>${escapeHtml(m.receivedAt)}</dd><dt>Message-ID</dt><dd>${escapeHtml(m.messageId ?? "none")}</dd></dl>
  <pre>${linkify(m.text)}</pre>
</article>`,
  );
  const posts = [...webhooks].reverse().map(
    (w) => `<article>
  <h3>${escapeHtml(String((w.json as { event?: unknown } | null)?.event ?? "(not JSON)"))}: signature ${escapeHtml(w.signature)}</h3>
  <dl><dt>Received</dt><dd>${escapeHtml(w.receivedAt)}</dd><dt>Idempotency-Key</dt><dd>${escapeHtml(w.headers["idempotency-key"] ?? "none")}</dd></dl>
  <pre>${escapeHtml(JSON.stringify(w.json ?? w.body, null, 2))}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ExoDesk demo inbox</title>
<style>
body { font-family: system-ui, sans-serif; color: #1e293b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
article { border: 1px solid #cbd5e1; border-radius: 0.5rem; padding: 0 1rem; margin: 1rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
pre { white-space: pre-wrap; }
a { color: #1d4ed8; } a:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
</style></head>
<body>
<h1>ExoDesk demo inbox</h1>
<p>What the portal sent to the emulator's mail server and webhook receiver. Reload to see new ones.</p>
<h2>Mail (${mail.length})</h2>
${messages.join("\n") || "<p>No mail yet.</p>"}
<h2>Webhooks (${webhooks.length})</h2>
${posts.join("\n") || "<p>No webhooks yet.</p>"}
</body></html>`;
}

// The portal links each notice to its page: clickable here, as in a mail client.
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
