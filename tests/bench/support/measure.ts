// Small measuring helpers for the audit history benchmark: percentiles, a peak-RSS sampler,
// and EXPLAIN ANALYZE of the exact SQL queryHistory sends (captured from Prisma's query log).
import { runInNewContext } from "node:vm";
import { setFlagsFromString } from "node:v8";
import { queryHistory, type THistoryQuery } from "../../../lib/audit/query-history";
import { PrismaClient } from "../../../lib/generated/prisma/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type TStats = { runs: number; minMs: number; p50Ms: number; p90Ms: number; p95Ms: number; p99Ms: number; maxMs: number; meanMs: number };

export function summarise(times: number[]): TStats {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const round = (v: number) => Math.round(v * 10) / 10;
  const mean = sorted.reduce((s, v) => s + v, 0) / Math.max(1, sorted.length);
  return { runs: sorted.length, minMs: round(sorted[0] ?? 0), p50Ms: round(at(50)), p90Ms: round(at(90)), p95Ms: round(at(95)), p99Ms: round(at(99)), maxMs: round(at(100)), meanMs: round(mean) };
}

// A full collection before a memory baseline, so garbage from seeding is not counted.
export function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

export type TRssSampler = { sample(): void; stop(): { baselineMb: number; peakMb: number; peakOverBaselineMb: number } };

export function sampleRss(intervalMs = 50): TRssSampler {
  const mb = (v: number) => Math.round((v / 1048576) * 10) / 10;
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return { baselineMb: mb(baseline), peakMb: mb(peak), peakOverBaselineMb: mb(peak - baseline) };
    },
  };
}

// Runs queryHistory through a client that logs its SQL, then EXPLAIN ANALYZEs that SQL with the
// same parameters. Diagnosis only: the measured runs go through getDb().
export async function explainHistoryQuery(
  adapter: SqlDriverAdapterFactory,
  query: THistoryQuery,
  after: Parameters<typeof queryHistory>[2],
): Promise<string> {
  const client = new PrismaClient({ adapter, log: [{ level: "query", emit: "event" }] });
  let captured: { sql: string; params: unknown[] } | undefined;
  client.$on("query", (e) => {
    if (e.query.includes('FROM "AuditEvent"')) captured = { sql: e.query, params: JSON.parse(e.params) as unknown[] };
  });
  try {
    await queryHistory(client, query, after);
    if (!captured) return "(no SQL captured)";
    // Logged parameters are JSON: dates come back as ISO strings, which PostgreSQL casts back.
    const rows = await client.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, ...captured.params);
    return [captured.sql.replace(/\s+/g, " ").trim(), `params: ${JSON.stringify(captured.params)}`, ...rows.map((r) => r["QUERY PLAN"])].join("\n");
  } finally {
    await client.$disconnect();
  }
}
