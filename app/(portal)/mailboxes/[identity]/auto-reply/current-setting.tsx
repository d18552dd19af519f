import { LocalTime } from "@/app/_components/local-time";
import { MessageHtml } from "@/app/_components/message-html";
import { formatInZone } from "@/lib/time/format";
import type { TShownAutoReply } from "./shown-auto-reply";

// The mailbox's automatic replies as Exchange last answered: the page's read, or the read-back
// of the change just made.
export function CurrentSetting({ current, zone }: { current: TShownAutoReply; zone: string }) {
  const scheduled = current.autoReplyState === "Scheduled" && current.startTime && current.endTime;
  return (
    <div className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Current setting</h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">State</dt>
        <dd data-testid="current-state">{current.autoReplyState || "unknown"}</dd>
        {scheduled && (
          <>
            <dt className="font-medium">Schedule (mailbox time)</dt>
            <dd>
              {formatInZone(new Date(current.startTime!), zone)} – {formatInZone(new Date(current.endTime!), zone)}
            </dd>
            <dt className="font-medium">Schedule (your time)</dt>
            <dd>
              <LocalTime iso={current.startTime!} /> – <LocalTime iso={current.endTime!} />
            </dd>
          </>
        )}
        <dt className="font-medium">External audience</dt>
        <dd>{current.externalAudience || "None"}</dd>
        <dt className="font-medium">Internal message</dt>
        <dd><MessageHtml safeHtml={current.internalMessage} /></dd>
        <dt className="font-medium">External message</dt>
        <dd><MessageHtml safeHtml={current.externalMessage} /></dd>
      </dl>
    </div>
  );
}
