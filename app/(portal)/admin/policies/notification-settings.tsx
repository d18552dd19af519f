import { configuredChannels } from "@/lib/notifications/channels";
import { listNotificationSwitches } from "@/lib/notifications/change-notification-settings";
import { listDeliveryFailures } from "@/lib/notifications/delivery-failures";
import { formatUtcMinute } from "@/lib/time/format";
import { DeliveryFailuresTable, SwitchRow } from "./notification-forms";

const CHANNEL_LABEL = { EMAIL: "E-mail", WEBHOOK: "Webhook" } as const;

// The Policies page's notification part: per-event switches and the deliveries that failed.
export async function NotificationSettings() {
  const channels = configuredChannels();
  const [switches, failures] = await Promise.all([listNotificationSwitches(), listDeliveryFailures()]);
  return (
    <>
      <h2 className="mt-8 text-lg font-semibold">Notifications</h2>
      <p className="text-slate-600">
        Every event goes to the in-app list of the people it concerns. These switches decide which also go out by e-mail and to the webhooks.
        {" "}E-mail is {channels.email ? "configured" : "not configured (no SMTP server set)"}; {channels.webhookUrls.length > 0 ? `${channels.webhookUrls.length} webhook${channels.webhookUrls.length === 1 ? " is" : "s are"} configured` : "no webhook is configured"}.
      </p>
      <table className="mt-2 w-full border-collapse rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">E-mail and webhook per event</caption>
        <thead className="bg-slate-100 text-left">
          <tr><th scope="col" className="px-3 py-2">Event</th><th scope="col" className="px-3 py-2">Sent by</th></tr>
        </thead>
        <tbody>
          {switches.map((s) => <SwitchRow key={s.event} {...s} />)}
        </tbody>
      </table>

      <h2 className="mt-8 text-lg font-semibold">Delivery failures</h2>
      <p className="text-slate-600">
        {failures.failedCount === 0 ? "No delivery has failed." : `${failures.failedCount} ${failures.failedCount === 1 ? "delivery" : "deliveries"} failed for good${failures.failedCount > failures.failed.length ? ` (the latest ${failures.failed.length} below)` : ""}.`}
        {" "}{failures.retrying === 0 ? "None is being retried." : `${failures.retrying} ${failures.retrying === 1 ? "is" : "are"} still being retried.`}
      </p>
      <DeliveryFailuresTable
        rows={failures.failed.map((d) => ({ id: d.id, queued: `${formatUtcMinute(d.createdAt)} UTC`, event: d.event, channel: CHANNEL_LABEL[d.channel], recipient: d.recipient, attempts: d.attempts, lastError: d.lastError }))}
      />
    </>
  );
}
