import type { NextRequest } from "next/server";
import { authorisedRoute, jsonError } from "@/lib/action/authorised";
import { streamHistoryExport } from "@/lib/audit/export-history";
import { ZHistoryQuery } from "@/lib/audit/query-history";
import { getDb } from "@/lib/db/client";
import { describeRefusal } from "@/lib/errors/app-error";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

// The history page's current view as a file, streamed as it is read from the database.
export const GET = authorisedRoute("audit.read", { rateLimit: "chain" }, async (_ctx, request: NextRequest) => {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const format = params.format;
  if (format !== "csv" && format !== "jsonl") return jsonError(400, "Choose format=csv or format=jsonl.");
  const { format: _format, ...filters } = params;
  const query = ZHistoryQuery.safeParse(filters);
  if (!query.success) return jsonError(400, describeRefusal(query.error));

  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return new Response(streamHistoryExport(getDb(), query.data, format), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="exodesk-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
});
