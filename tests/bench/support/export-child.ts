// The full CSV export measured in a process of its own, so its memory figures are not mixed
// with what seeding left resident in the benchmark's process. Run by audit-history.bench.ts:
//   node --import tsx tests/bench/support/export-child.ts   (DATABASE_URL set)
// Prints one JSON line: rows, bytes, seconds, rows/s and RSS (before, peak, peak - before).
import { pathToFileURL } from "node:url";
import { streamHistoryExport } from "../../../lib/audit/export-history";
import { ZHistoryQuery } from "../../../lib/audit/query-history";
import type { PrismaClient } from "../../../lib/generated/prisma/client";
import { collectGarbage, sampleRss } from "./measure";

export type TExportFigures = Awaited<ReturnType<typeof measureExport>>;

export async function measureExport(db: PrismaClient) {
  collectGarbage();
  const sampler = sampleRss(50);
  const started = performance.now();
  const reader = streamHistoryExport(db, ZHistoryQuery.parse({}), "csv").getReader();
  let bytes = 0;
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    sampler.sample();
  }
  const seconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  const rows = lines - 4; // three comment lines and the header
  return { rows, bytes, seconds: Math.round(seconds * 10) / 10, rowsPerSec: Math.round(rows / seconds), mbPerSec: Math.round(bytes / 1048576 / seconds), rss: memory };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { closeDb, getDb } = await import("../../../lib/db/client");
  try {
    const db = getDb();
    await db.auditEvent.findFirst({ select: { seq: true } }); // open the database before the baseline
    console.log(JSON.stringify(await measureExport(db)));
  } finally {
    await closeDb();
  }
}
