import type { PrismaClient } from "@/lib/generated/prisma/client";
import { streamLines } from "@/lib/http/stream-lines";
import { reportCsvHeader, toReportCsvLine } from "./format-report-csv";
import { iterateReportRows, type TReportQuery } from "./query-report";

// A report's rows (with the page's filters and sort) as CSV, streamed (stream-lines.ts). A
// UTF-8 byte-order mark first: Excel otherwise reads the file as the local code page and
// garbles accented names.
export function streamReportCsv(db: PrismaClient, reportId: string, query: Omit<TReportQuery, "page">): ReadableStream<Uint8Array> {
  return streamLines(async function* () {
    yield `\uFEFF${reportCsvHeader()}`;
    for await (const row of iterateReportRows(db, reportId, query)) yield toReportCsvLine(row);
  });
}
