import { filterErrors, InvalidFiltersAlert } from "@/app/_components/filter-form";
import { Link } from "@/app/_components/link";
import { notFound } from "next/navigation";
import { LocalTime } from "@/app/_components/local-time";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { MailboxReport } from "@/lib/generated/prisma/client";
import { loadMyReport, readReportProgress } from "@/lib/reports/load-report";
import { listReportDepartments, queryReportRows } from "@/lib/reports/query-report";
import { listTimeBoundEnds } from "@/lib/requests/list-removals";
import type { TSessionUser } from "@/lib/auth/session-user";
import { describeReportProgress, ReportStatusBadge } from "../report-status";
import { RefreshWhileBuilding } from "./refresh-while-building";
import { ReportFilters } from "./report-filters";
import { readReportQuery, toReportSearch } from "./report-params";
import { ReportTable } from "./report-table";

export const metadata = { title: "Mailbox report" };

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function loadOrNotFound(user: Awaited<ReturnType<typeof requireUserOrRedirect>>, id: string): Promise<MailboxReport> {
  try {
    return await loadMyReport(getDb(), user, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export default async function ReportPage({ params, searchParams }: TProps) {
  const user = await requireUserOrRedirect("report.build");
  const { id } = await params;
  const report = await loadOrNotFound(user, id);
  await markNotificationsRead(user, `/reports/${report.id}`);
  const sp = await searchParams;
  const progress = await readReportProgress(getDb(), report);
  const base = `/reports/${report.id}`;
  return (
    <section>
      <p className="text-sm"><Link href="/reports" className="text-blue-700 underline">All my reports</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">Mailbox report <ReportStatusBadge status={report.status} /></h1>
      <p className="mt-1 text-sm text-slate-700">
        Started <LocalTime iso={report.createdAt.toISOString()} />, with the Exchange scope of {report.requesterUpn}.
        {report.generatedAt && <> Generated <LocalTime iso={report.generatedAt.toISOString()} />.</>}
      </p>
      {sp.continued === "1" && report.status === "BUILDING" && (
        <p className="mt-2 text-sm">Your earlier report was still being built, so it continues instead of starting another.</p>
      )}
      {report.status === "BUILDING" && (
        <div className="mt-4 rounded-lg bg-white p-4 shadow-sm">
          <RefreshWhileBuilding />
          <p role="status" aria-live="polite" className="font-medium">{describeReportProgress(progress)}</p>
          <progress className="mt-2 w-full" max={progress.total ?? 1} value={progress.total === null ? undefined : progress.read + progress.failed} aria-label="Mailboxes read" />
          {report.error && <p className="mt-2 text-amber-900">{report.error}</p>}
        </div>
      )}
      {report.status === "FAILED" && <p role="alert" className="mt-4 text-red-800">This report could not be built. {report.error}</p>}
      {report.status === "READY" && <ReadyReport user={user} base={base} reportId={report.id} sp={sp} summary={describeReportProgress(progress)} />}
    </section>
  );
}

type TReadyProps = { user: TSessionUser; base: string; reportId: string; sp: Record<string, string | string[] | undefined>; summary: string };

async function ReadyReport({ user, base, reportId, sp, summary }: TReadyProps) {
  const { raw, parsed } = readReportQuery(sp);
  const errors = filterErrors(parsed);
  const departments = await listReportDepartments(getDb(), reportId);
  const page = parsed.success ? await queryReportRows(getDb(), reportId, parsed.data) : null;
  // Which of the page's rights are time-bound, and until when (read now, not when it was built).
  const ends = page ? await listTimeBoundEnds(user, page.rows.map((r) => r.address)) : {};
  return (
    <>
      <p className="mt-2 text-sm">{summary}.</p>
      <ReportFilters base={base} raw={raw} errors={errors} departments={departments} />
      {!parsed.success && <InvalidFiltersAlert />}
      {parsed.success && page && (
        <>
          <p className="mt-4 flex flex-wrap gap-4 text-sm">
            <span aria-live="polite">{page.matching.toLocaleString("en")} mailboxes match.</span>
            <a href={`/api/reports/${reportId}/export${toReportSearch({ ...parsed.data, page: undefined })}`} className="text-blue-700 underline" download>
              Download CSV
            </a>
          </p>
          {page.rows.length === 0 ? <p className="mt-4 text-slate-600">No mailboxes match these filters.</p> : <ReportTable base={base} rows={page.rows} query={parsed.data} ends={ends} />}
          <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm">
            {parsed.data.page > 1 && <Link href={`${base}${toReportSearch({ ...parsed.data, page: parsed.data.page - 1 })}`} className="text-blue-700 underline">Previous page</Link>}
            <span>Page {parsed.data.page} of {page.pages}</span>
            {parsed.data.page < page.pages && <Link href={`${base}${toReportSearch({ ...parsed.data, page: parsed.data.page + 1 })}`} className="text-blue-700 underline">Next page</Link>}
          </nav>
        </>
      )}
    </>
  );
}
