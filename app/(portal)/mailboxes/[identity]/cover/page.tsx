import { Link } from "@/app/_components/link";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { PageError } from "@/app/_components/page-error";
import { WhileExchangeReads } from "@/app/_components/while-exchange-reads";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getRecipient, getRegionalSettings, readTogether, refuseOverlongIdentity } from "@/lib/cmdlets/read-mailbox";
import { listAbsenceCovers } from "@/lib/requests/load-absence-cover";
import { listTemplates } from "@/lib/templates/list-templates";
import { formatInZone } from "@/lib/time/format";
import { defaultWindow } from "@/lib/time/scheduled-window";
import { toIanaZone } from "@/lib/time/zones";
import { MailboxHeader, mailboxPath } from "../mailbox-header";
import { CoverForm, type TCoverDraft } from "./cover-form";

export const metadata = { title: "Absence cover" };

export default async function CoverPage({ params }: { params: Promise<{ identity: string }> }) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  return (
    <WhileExchangeReads what="the mailbox">
      <CoverContent user={user} identity={identity} />
    </WhileExchangeReads>
  );
}

async function CoverContent({ user, identity }: { user: TSessionUser; identity: string }) {
  const mayChange = hasPermission(user.roles, "request.submit");
  const [loaded, templates, covers] = await Promise.all([
    loadFromExchange(user, mailboxPath(identity, "cover"), async (ex) => {
      refuseOverlongIdentity(identity);
      const [mailbox, regional] = await readTogether([getRecipient(ex, identity), getRegionalSettings(ex, identity)] as const);
      return { mailbox, regional };
    }),
    mayChange ? listTemplates() : [],
    listAbsenceCovers(user, identity),
  ]);
  if (!loaded.ok) return <PageError title="Absence cover" message={loaded.message} />;
  const { mailbox, regional } = loaded.data;
  const zone = toIanaZone(regional.timeZone) ?? "UTC";
  const initial: TCoverDraft = {
    autoReplyState: "Scheduled",
    ...defaultWindow(zone, new Date()),
    internalMessage: "",
    externalMessage: "",
    externalAudience: "None",
    trustee: "",
    trusteeName: null,
    autoMapping: true,
    accessRights: "",
    delegate: false,
    reason: "",
  };
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="cover" note={`time zone ${regional.timeZone ?? "not set (UTC used)"}`} />
      {mayChange ? (
        <CoverForm identity={mailbox.address} zone={zone} initial={initial} templates={templates} mailbox={{ displayName: mailbox.displayName, language: regional.language }} />
      ) : (
        <p className="mt-6 text-slate-600">Your ExoDesk role lets you view this mailbox but not set up cover for it.</p>
      )}
      <h2 className="mt-8 text-lg font-semibold">Covers you set up for this mailbox</h2>
      {covers.length === 0 ? (
        <p className="mt-2 text-slate-700">None yet.</p>
      ) : (
        <ul className="mt-2 space-y-1">
          {covers.map((c) => (
            <li key={c.id}>
              <Link href={`/covers/${c.id}`} className="text-blue-700 underline">
                {c.colleagueName ?? c.colleague}, {formatInZone(c.startsAt, c.scheduleZone)} to {formatInZone(c.endsAt, c.scheduleZone)}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
