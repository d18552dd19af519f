import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { LocalTime } from "@/app/_components/local-time";
import { MessageHtml } from "@/app/_components/message-html";
import { PageError } from "@/app/_components/page-error";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import { getRecipient, getRegionalSettings, readTogether, refuseOverlongIdentity } from "@/lib/cmdlets/read-mailbox";
import { AUTO_REPLY_STATES, EXTERNAL_AUDIENCES, readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { formatInZone } from "@/lib/time/format";
import { toIanaZone, utcToZonedLocal } from "@/lib/time/zones";
import { MailboxHeader, mailboxPath } from "../mailbox-header";
import { AutoReplyForm, type TAutoReplyDraft } from "./auto-reply-form";

export const metadata = { title: "Automatic replies" };

export default async function AutoReplyPage({ params }: { params: Promise<{ identity: string }> }) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  // Every read starts from the address in the URL, at once.
  const loaded = await loadFromExchange(user, mailboxPath(identity, "auto-reply"), async (ex) => {
    refuseOverlongIdentity(identity);
    const [mailbox, regional, current] = await readTogether([getRecipient(ex, identity), getRegionalSettings(ex, identity), readAutoReply(ex, identity)] as const);
    return { mailbox, regional, current };
  });
  if (!loaded.ok) return <PageError title="Automatic replies" message={loaded.message} />;
  const { mailbox, regional, current } = loaded.data;
  const zone = toIanaZone(regional.timeZone) ?? "UTC";
  const scheduled = current.autoReplyState === "Scheduled" && current.startTime && current.endTime;
  const draft: TAutoReplyDraft = {
    autoReplyState: (AUTO_REPLY_STATES as readonly string[]).includes(current.autoReplyState) ? (current.autoReplyState as TAutoReplyDraft["autoReplyState"]) : "Disabled",
    startTime: current.startTime ? utcToZonedLocal(new Date(current.startTime), zone) : "",
    endTime: current.endTime ? utcToZonedLocal(new Date(current.endTime), zone) : "",
    internalMessage: current.internalMessage,
    externalMessage: current.externalMessage,
    externalAudience: (EXTERNAL_AUDIENCES as readonly string[]).includes(current.externalAudience) ? (current.externalAudience as TAutoReplyDraft["externalAudience"]) : "None",
  };
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="auto-reply" note={`time zone ${regional.timeZone ?? "not set (UTC used)"}`} />

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
          <dd><MessageHtml html={current.internalMessage} /></dd>
          <dt className="font-medium">External message</dt>
          <dd><MessageHtml html={current.externalMessage} /></dd>
        </dl>
      </div>

      {hasPermission(user.roles, "request.submit") ? (
        <AutoReplyForm identity={mailbox.address} zone={zone} initial={draft} />
      ) : (
        <p className="mt-6 text-slate-600">Your ExoDesk role lets you view this mailbox but not change it.</p>
      )}
    </section>
  );
}
