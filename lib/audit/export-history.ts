import type { PrismaClient } from "@/lib/generated/prisma/client";
import { csvPreamble, jsonlPreamble, toCsvLine, toJsonLine, type TExportFormat, type TExportHeader } from "./export-format";
import { iterateHistory, readChainHead, type THistoryQuery } from "./query-history";

function describeQuery(query: THistoryQuery): Record<string, string> {
  const described: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) described[key] = String(value);
  return described;
}

// A filtered view as CSV or JSON Lines, pulled a batch at a time as the client reads, so
// memory stays flat however many rows match. The chain head is read first: every exported
// row is at or before it.
export function streamHistoryExport(db: PrismaClient, query: THistoryQuery, format: TExportFormat): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rows: AsyncGenerator<string> | undefined;

  async function* lines(): AsyncGenerator<string> {
    const head = await readChainHead(db);
    const header: TExportHeader = {
      exportedAt: new Date().toISOString(),
      chainHead: head && { seq: head.seq.toString(), hash: head.hash },
      query: describeQuery(query),
    };
    yield format === "csv" ? csvPreamble(header) : jsonlPreamble(header);
    const toLine = format === "csv" ? toCsvLine : toJsonLine;
    if (!head) return;
    // Rows appended after the head was read belong to the next export.
    let batch = "";
    for await (const row of iterateHistory(db, query, { upToSeq: head.seq })) {
      batch += toLine(row);
      if (batch.length > 64_000) {
        yield batch;
        batch = "";
      }
    }
    if (batch) yield batch;
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      rows ??= lines();
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await rows?.return(undefined);
    },
  });
}
