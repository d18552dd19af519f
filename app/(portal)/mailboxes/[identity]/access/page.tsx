import { z } from "zod";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { PageError } from "@/app/_components/page-error";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import { readMailboxAccess } from "@/lib/cmdlets/read-access";
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
  const [lastChange, loaded] = await Promise.all([
    requestId && z.uuid().safeParse(requestId).success ? getVisibleRequest(user, requestId) : null,
    loadFromExchange(user, mailboxPath(identity, "access"), (ex) => readMailboxAccess(ex, identity)),
  ]);
  if (!loaded.ok) return <PageError title="Mailbox access" message={loaded.message} />;
  const access = loaded.data;
  const { mailbox } = access;
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="access" note={access.calendarFolder ? `calendar folder "${access.calendarFolder.split(":\\")[1]}"` : undefined} />
      <AccessPanel identity={mailbox.address} rows={access.rows} canChange={hasPermission(user.roles, "request.submit")}
        outcome={lastChange && { ...describeRequest(lastChange), warnings: lastChange.warnings, href: `/requests/${lastChange.id}` }} />
    </section>
  );
}
