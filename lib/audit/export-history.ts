import type { PrismaClient } from "@/lib/generated/prisma/client";
import { csvPreamble, jsonlPreamble, toCsvLine, toJsonLine, type TExportFormat, type TExportHeader } from "./export-format";
import { streamLines } from "@/lib/http/stream-lines";
import { iterateHistory, readChainHead, type THistoryQuery } from "./query-history";

function describeQuery(query: THistoryQuery): Record<string, string> {
  const described: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) if (value !== undefined) described[key] = String(value);
  return described;
}

// A filtered view as CSV or JSON Lines, streamed (stream-lines.ts). The chain head is read
// first: every exported row is at or before it.
export function streamHistoryExport(db: PrismaClient, query: THistoryQuery, format: TExportFormat): ReadableStream<Uint8Array> {
  return streamLines(async function* () {
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
    for await (const row of iterateHistory(db, query, { upToSeq: head.seq })) yield toLine(row);
  });
}
