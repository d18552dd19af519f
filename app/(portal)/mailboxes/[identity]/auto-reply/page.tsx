import Link from "next/link";
import { redirect } from "next/navigation";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { LocalTime } from "@/app/_components/local-time";
import { MessageHtml } from "@/app/_components/message-html";
import { describeExchangeError } from "@/lib/action";
import { hasPermission } from "@/lib/auth/roles";
import { getMailbox, getRegionalSettings } from "@/lib/cmdlets/read-mailbox";
import { readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { AppError } from "@/lib/errors";
import { ExchangeError } from "@/lib/exchange/errors";
import { createExchangeForUser } from "@/lib/requests/exchange-for-user";
import { formatInZone } from "@/lib/time/format";
import { toIanaZone, utcToZonedLocal } from "@/lib/time/zones";
import { AutoReplyForm, type TAutoReplyDraft } from "./auto-reply-form";

export const metadata = { title: "Automatic replies" };

async function load(identity: string, user: Awaited<ReturnType<typeof requireUserOrRedirect>>) {
  try {
    const ex = await createExchangeForUser(user);
    const mailbox = await getMailbox(ex, identity);
    const [regional, current] = await Promise.all([
      getRegionalSettings(ex, mailbox.address),
      readAutoReply(ex, mailbox.address),
    ]);
    return { ok: true as const, mailbox, regional, current };
  } catch (e) {
    if (e instanceof AppError && e.code === "REAUTH_REQUIRED") redirect(`/signin?reauth=1&callbackUrl=${encodeURIComponent(`/mailboxes/${encodeURIComponent(identity)}/auto-reply`)}`);
    if (e instanceof ExchangeError) return { ok: false as const, message: describeExchangeError(e) };
    throw e;
  }
}

export default async function AutoReplyPage({ params }: { params: Promise<{ identity: string }> }) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  const data = await load(identity, user);
  if (!data.ok) {
    return (
      <section>
        <h1 className="text-2xl font-semibold">Automatic replies</h1>
        <p role="alert" className="mt-4 rounded border border-red-200 bg-red-50 p-3 text-red-800">{data.message}</p>
        <Link href="/mailboxes" className="mt-4 inline-block text-blue-700 underline">Choose another mailbox</Link>
      </section>
    );
  }
  const { mailbox, regional, current } = data;
  const zone = toIanaZone(regional.timeZone) ?? "UTC";
  const scheduled = current.autoReplyState === "Scheduled" && current.startTime && current.endTime;
  const draft: TAutoReplyDraft = {
    autoReplyState: (["Enabled", "Disabled", "Scheduled"].includes(current.autoReplyState) ? current.autoReplyState : "Disabled") as TAutoReplyDraft["autoReplyState"],
    startTime: current.startTime ? utcToZonedLocal(new Date(current.startTime), zone) : "",
    endTime: current.endTime ? utcToZonedLocal(new Date(current.endTime), zone) : "",
    internalMessage: current.internalMessage,
    externalMessage: current.externalMessage,
    externalAudience: (["None", "Known", "All"].includes(current.externalAudience) ? current.externalAudience : "None") as TAutoReplyDraft["externalAudience"],
  };
  return (
    <section>
      <p className="text-sm text-slate-500">
        <Link href="/mailboxes" className="underline">Mailboxes</Link> / {mailbox.displayName}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">Automatic replies for {mailbox.displayName}</h1>
      <p className="text-slate-600">
        {mailbox.address} · time zone {regional.timeZone ?? "not set (UTC used)"}
      </p>

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
