import { z } from "zod";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { PageError } from "@/app/_components/page-error";
import { WhileExchangeReads } from "@/app/_components/while-exchange-reads";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { readMailboxAccess } from "@/lib/cmdlets/read-access";
import { getRegionalSettings } from "@/lib/cmdlets/read-mailbox";
import { listTimeBoundRights } from "@/lib/requests/list-removals";
import { toIanaZone } from "@/lib/time/zones";
import { describeRequest } from "@/lib/requests/describe-request";
import { getVisibleRequest } from "@/lib/requests/list-requests";
import { MailboxHeader, mailboxPath } from "../mailbox-header";
import { AccessPanel } from "./access-panel";

export const metadata = { title: "Mailbox access" };

type TProps = { params: Promise<{ identity: string }>; searchParams: Promise<{ request?: string }> };

export default async function AccessPage({ params, searchParams }: TProps) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  const requestId = (await searchParams).request;
  return (
    <WhileExchangeReads what="who has access to the mailbox">
      <AccessContent user={user} identity={identity} requestId={requestId} />
    </WhileExchangeReads>
  );
}

async function AccessContent({ user, identity, requestId }: { user: TSessionUser; identity: string; requestId: string | undefined }) {
  // The mailbox's time zone, for the ends of time-bound rights, is read beside its rights (a
  // mailbox never configured has none: UTC).
  const [lastChange, loaded] = await Promise.all([
    requestId && z.uuid().safeParse(requestId).success ? getVisibleRequest(user, requestId) : null,
    loadFromExchange(user, mailboxPath(identity, "access"), (ex) =>
      Promise.all([readMailboxAccess(ex, identity), getRegionalSettings(ex, identity).catch(() => ({ timeZone: null }))]),
    ),
  ]);
  if (!loaded.ok) return <PageError title="Mailbox access" message={loaded.message} />;
  const [access, regional] = loaded.data;
  const { mailbox } = access;
  const zone = toIanaZone(regional.timeZone) ?? "UTC";
  const ends = await listTimeBoundRights(user, mailbox.address);
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="access" note={access.calendarFolder ? `calendar folder "${access.calendarFolder.split(":\\")[1]}"` : undefined} />
      <AccessPanel identity={mailbox.address} zone={zone} rows={access.rows} ends={ends} canChange={hasPermission(user.roles, "request.submit")}
        outcome={lastChange && { ...describeRequest(lastChange), warnings: lastChange.warnings, href: `/requests/${lastChange.id}` }} />
    </section>
  );
}
