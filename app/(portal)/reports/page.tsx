import { DataTable } from "@/app/_components/data-table";
import { Link } from "@/app/_components/link";
import { LocalTime } from "@/app/_components/local-time";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { getDb } from "@/lib/db/client";
import { listMyReports } from "@/lib/reports/load-report";
import { describeReportProgress, ReportStatusBadge } from "./report-status";
import { StartReportButton } from "./start-report-button";

export const metadata = { title: "Mailbox reports" };

export default async function ReportsPage() {
  const user = await requireUserOrRedirect("report.build");
  const reports = await listMyReports(getDb(), user);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Mailbox reports</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-700">
        A report lists every mailbox your Exchange roles let you read, with its automatic-reply state and schedule and every
        delegate (FullAccess, SendAs, SendOnBehalf, calendar). It is read with your own sign-in, so it shows only what you may
        see, and only you can open it. Large organisations take a few minutes; you can leave the page meanwhile.
      </p>
      <StartReportButton />
      <DataTable
        className="mt-6"
        caption="Your mailbox reports, newest first"
        empty="You have not built a report yet."
        rows={reports}
        rowKey={(r) => r.id}
        columns={[
          { header: "Started", cell: (r) => <Link href={`/reports/${r.id}`} className="text-blue-700 underline"><LocalTime iso={r.createdAt.toISOString()} /></Link> },
          { header: "Status", cell: (r) => <ReportStatusBadge status={r.status} /> },
          { header: "Progress", cell: (r) => (r.status === "FAILED" ? r.error : describeReportProgress(r.progress)) },
          { header: "Generated", cell: (r) => (r.generatedAt ? <LocalTime iso={r.generatedAt.toISOString()} /> : "—") },
        ]}
      />
    </section>
  );
}
