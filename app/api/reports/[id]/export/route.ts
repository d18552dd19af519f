import type { NextRequest } from "next/server";
import { authorisedRoute, jsonError } from "@/lib/action/authorised";
import { getDb } from "@/lib/db/client";
import { describeRefusal } from "@/lib/errors/app-error";
import { streamReportCsv } from "@/lib/reports/export-report";
import { loadMyReport } from "@/lib/reports/load-report";
import { ZReportQuery } from "@/lib/reports/query-report";

// A report's rows as CSV, with the filters and sort of the page it was downloaded from. The
// query is checked first; someone else's report answers exactly as a missing one.
export const GET = authorisedRoute("report.build", { rateLimit: "none" }, async (ctx, request: NextRequest, route: { params: Promise<{ id: string }> }) => {
  const { page: _page, ...params } = Object.fromEntries(request.nextUrl.searchParams);
  const query = ZReportQuery.safeParse(params);
  if (!query.success) return jsonError(400, describeRefusal(query.error));
  const report = await loadMyReport(getDb(), ctx.user, (await route.params).id);
  if (report.status !== "READY" || !report.generatedAt) return jsonError(409, "This report is not ready yet. Download it once it has been built.");
  const stamp = report.generatedAt.toISOString().replace(/[-:]/g, "").slice(0, 15);
  return new Response(streamReportCsv(getDb(), report.id, query.data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="exodesk-mailbox-report-${stamp}Z.csv"`,
      "cache-control": "no-store",
    },
  });
});
