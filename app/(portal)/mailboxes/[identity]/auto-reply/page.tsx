import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { PageError } from "@/app/_components/page-error";
import { WhileExchangeReads } from "@/app/_components/while-exchange-reads";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getRecipient, getRegionalSettings, readTogether, refuseOverlongIdentity } from "@/lib/cmdlets/read-mailbox";
import { AUTO_REPLY_STATES, EXTERNAL_AUDIENCES, readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { sanitizeMessageHtml } from "@/lib/html/message-html";
import { scheduledWindow } from "@/lib/time/scheduled-window";
import { listTemplates } from "@/lib/templates/list-templates";
import { toIanaZone, utcToZonedLocal } from "@/lib/time/zones";
import { MailboxHeader, mailboxPath } from "../mailbox-header";
import { AutoReplyForm, type TAutoReplyDraft } from "./auto-reply-form";
import { CurrentSetting } from "./current-setting";
import { toShownAutoReply } from "./shown-auto-reply";

export const metadata = { title: "Automatic replies" };

export default async function AutoReplyPage({ params }: { params: Promise<{ identity: string }> }) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  return (
    <WhileExchangeReads what="the mailbox's automatic replies">
      <AutoReplyContent user={user} identity={identity} />
    </WhileExchangeReads>
  );
}

async function AutoReplyContent({ user, identity }: { user: TSessionUser; identity: string }) {
  const mayChange = hasPermission(user.roles, "request.submit");
  // Every read starts from the address in the URL, at once; the templates beside them.
  const [loaded, templates] = await Promise.all([
    loadFromExchange(user, mailboxPath(identity, "auto-reply"), async (ex) => {
      refuseOverlongIdentity(identity);
      const [mailbox, regional, current] = await readTogether([getRecipient(ex, identity), getRegionalSettings(ex, identity), readAutoReply(ex, identity)] as const);
      return { mailbox, regional, current };
    }),
    mayChange ? listTemplates() : [],
  ]);
  if (!loaded.ok) return <PageError title="Automatic replies" message={loaded.message} />;
  const { mailbox, regional, current } = loaded.data;
  const zone = toIanaZone(regional.timeZone) ?? "UTC";
  const state = (AUTO_REPLY_STATES as readonly string[]).includes(current.autoReplyState) ? (current.autoReplyState as TAutoReplyDraft["autoReplyState"]) : "Disabled";
  const stored = {
    startTime: current.startTime ? utcToZonedLocal(new Date(current.startTime), zone) : "",
    endTime: current.endTime ? utcToZonedLocal(new Date(current.endTime), zone) : "",
  };
  const draft: TAutoReplyDraft = {
    autoReplyState: state,
    // Still scheduled after its end: the form offers a window that can be submitted as it is.
    ...(state === "Scheduled" ? scheduledWindow(stored, zone, new Date()) : stored),
    // Cleaned as the editor would (an Outlook message's <style> and <meta> are refused when
    // posted), also for the messages that turning replies off sends back unseen.
    internalMessage: sanitizeMessageHtml(current.internalMessage),
    externalMessage: sanitizeMessageHtml(current.externalMessage),
    externalAudience: (EXTERNAL_AUDIENCES as readonly string[]).includes(current.externalAudience) ? (current.externalAudience as TAutoReplyDraft["externalAudience"]) : "None",
  };
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="auto-reply" note={`time zone ${regional.timeZone ?? "not set (UTC used)"}`} />

      {mayChange ? (
        <AutoReplyForm identity={mailbox.address} zone={zone} initial={draft} current={toShownAutoReply(current)}
          templates={templates} mailbox={{ displayName: mailbox.displayName, language: regional.language }} />
      ) : (
        <>
          <CurrentSetting current={toShownAutoReply(current)} zone={zone} />
          <p className="mt-6 text-slate-600">Your ExoDesk role lets you view this mailbox but not change it.</p>
        </>
      )}
    </section>
  );
}
