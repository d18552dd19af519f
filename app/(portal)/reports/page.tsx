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
      {reports.length === 0 ? (
        <p className="mt-6 text-slate-600">You have not built a report yet.</p>
      ) : (
        <table className="mt-6 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
          <caption className="sr-only">Your mailbox reports, newest first</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Started</th>
              <th scope="col" className="px-3 py-2">Status</th>
              <th scope="col" className="px-3 py-2">Progress</th>
              <th scope="col" className="px-3 py-2">Generated</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.id} className="border-t border-slate-200">
                <td className="px-3 py-2">
                  <Link href={`/reports/${r.id}`} className="text-blue-700 underline">
                    <LocalTime iso={r.createdAt.toISOString()} />
                  </Link>
                </td>
                <td className="px-3 py-2"><ReportStatusBadge status={r.status} /></td>
                <td className="px-3 py-2">{r.status === "FAILED" ? r.error : describeReportProgress(r.progress)}</td>
                <td className="px-3 py-2">{r.generatedAt ? <LocalTime iso={r.generatedAt.toISOString()} /> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
