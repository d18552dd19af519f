import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { listMyRequests } from "@/lib/requests/list-requests";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const user = await requireUserOrRedirect("request.readOwn");
  const requests = await listMyRequests(user);
  return (
    <section>
      <h1 className="text-2xl font-semibold">My requests</h1>
      <DataTable
        className="mt-4"
        caption="Your requests, newest first"
        empty={<>You have not asked for any change yet. <Link href="/mailboxes" className="underline">Find a mailbox</Link> to start.</>}
        rows={requests}
        rowKey={(r) => r.id}
        columns={[
          { header: "When", className: "whitespace-nowrap", cell: (r) => `${formatUtcMinute(r.createdAt)} UTC` },
          { header: "Action", cell: (r) => getActionLabel(r.action) },
          { header: "Mailbox", cell: (r) => <>{r.targetDisplayName ?? r.targetMailbox}<div className="text-xs text-slate-600">{r.targetMailbox}</div></> },
          { header: "State", cell: (r) => <StatusBadge status={r.status} verification={r.verification} /> },
          { header: "Details", hideHeader: true, cell: (r) => <Link href={`/requests/${r.id}`} className="text-blue-700 underline">Details</Link> },
        ]}
      />
    </section>
  );
}
