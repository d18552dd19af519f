import type { PrismaClient } from "@/lib/generated/prisma/client";
import { reportCsvHeader, toReportCsvLine } from "./format-report-csv";
import { iterateReportRows, type TReportQuery } from "./query-report";

// A report's rows (with the page's filters and sort) as CSV, pulled a batch at a time as the
// browser reads, so memory stays flat however large the tenant. A UTF-8 byte-order mark
// first: Excel otherwise reads the file as the local code page and garbles accented names.
export function streamReportCsv(db: PrismaClient, reportId: string, query: Omit<TReportQuery, "page">): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let chunks: AsyncGenerator<string> | undefined;

  async function* lines(): AsyncGenerator<string> {
    yield `\uFEFF${reportCsvHeader()}`;
    let batch = "";
    for await (const row of iterateReportRows(db, reportId, query)) {
      batch += toReportCsvLine(row);
      if (batch.length > 64_000) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      chunks ??= lines();
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks?.return(undefined);
    },
  });
}
