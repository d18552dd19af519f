import type { NextRequest } from "next/server";
import { streamHistoryExport } from "@/lib/audit/export-history";
import { ZHistoryQuery } from "@/lib/audit/query-history";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", jsonl: "application/x-ndjson; charset=utf-8" } as const;

function refuse(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

// The history page's current view as a file, streamed as it is read from the database.
export async function GET(request: NextRequest): Promise<Response> {
  try {
    await requireUser("audit.read");
  } catch (e) {
    if (e instanceof AppError && e.code === "UNAUTHENTICATED") return refuse(401, e.message);
    if (e instanceof AppError && e.code === "FORBIDDEN") return refuse(403, e.message);
    throw e;
  }
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const format = params.format;
  if (format !== "csv" && format !== "jsonl") return refuse(400, 'Choose format=csv or format=jsonl.');
  const { format: _format, ...filters } = params;
  const query = ZHistoryQuery.safeParse(filters);
  if (!query.success) return refuse(400, query.error.issues.map((i) => `${String(i.path[0] ?? "query")}: ${i.message}`).join("; "));

  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  return new Response(streamHistoryExport(getDb(), query.data, format), {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="exodesk-audit-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
