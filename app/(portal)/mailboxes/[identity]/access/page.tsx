import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/app/_components/link";
import { z } from "zod";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { PageError } from "@/app/_components/page-error";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { hasPermission } from "@/lib/auth/roles";
import { readMailboxAccess } from "@/lib/cmdlets/read-access";
import { describeRequest } from "@/lib/requests/describe-request";
import { getVisibleRequest } from "@/lib/requests/list-requests";
import { MailboxHeader, mailboxPath } from "../mailbox-header";
import { ACCESS_ACTIONS } from "./access-kinds";
import { AddRightForms } from "./add-right-forms";
import { RemoveRightButton } from "./remove-right-button";

export const metadata = { title: "Mailbox access" };

type TProps = { params: Promise<{ identity: string }>; searchParams: Promise<{ request?: string }> };

export default async function AccessPage({ params, searchParams }: TProps) {
  const user = await requireUserOrRedirect("mailbox.read");
  const identity = decodeURIComponent((await params).identity);
  const requestId = (await searchParams).request;
  const lastChange = requestId && z.uuid().safeParse(requestId).success ? await getVisibleRequest(user, requestId) : null;
  const loaded = await loadFromExchange(user, mailboxPath(identity, "access"), (ex) => readMailboxAccess(ex, identity));
  if (!loaded.ok) return <PageError title="Mailbox access" message={loaded.message} />;
  const access = loaded.data;
  const { mailbox } = access;
  const canChange = hasPermission(user.roles, "request.submit");
  return (
    <section>
      <MailboxHeader mailbox={mailbox} tab="access" note={access.calendarFolder ? `calendar folder "${access.calendarFolder.split(":\\")[1]}"` : undefined} />
      {lastChange && (
        <div className="mt-4" aria-live="polite">
          <OutcomeBanner {...describeRequest(lastChange)} warnings={lastChange.warnings}>
            <Link href={`/requests/${lastChange.id}`} className="ml-2 underline">See the request</Link>
          </OutcomeBanner>
        </div>
      )}
      <DataTable
        className="mt-6"
        caption="Everyone with a right on this mailbox"
        rows={access.rows}
        rowKey={(r) => `${r.kind}:${r.trustee}`}
        rowClassName={(r) => (r.explicit ? "" : "text-slate-500")}
        columns={[
          { header: "Person", cell: (r) => <><div className="font-medium">{r.displayName}</div><div className="text-xs text-slate-500">{r.address ?? (r.explicit ? "not found in the directory" : "built-in")}</div></> },
          { header: "Right", cell: (r) => ACCESS_ACTIONS[r.kind].label },
          { header: "Details", cell: (r) => [r.detail, r.explicit ? "" : "system or inherited"].filter(Boolean).join(" · ") },
          {
            header: "Change",
            hideHeader: true,
            className: "text-right",
            cell: (r) =>
              canChange && r.explicit && (
                <RemoveRightButton actionId={ACCESS_ACTIONS[r.kind].remove} identity={mailbox.address} trustee={r.address ?? r.trustee}
                  label={`Remove ${ACCESS_ACTIONS[r.kind].label} for ${r.displayName}`} />
              ),
          },
        ]}
      />
      {canChange ? <AddRightForms identity={mailbox.address} /> : <p className="mt-6 text-slate-600">Your ExoDesk role lets you view this mailbox but not change it.</p>}
    </section>
  );
}
