// Benchmark (not a test): the auditor's history at scale, on a throw-away embedded PostgreSQL.
//   npx tsx tests/bench/audit-history.bench.ts [--events 1000000] [--runs 200] [--explain]
// Migrate, seed a valid chain, VACUUM ANALYZE, then measure the history page
// (queryHistory, as app/(portal)/audit/page.tsx calls it), the full CSV export
// (streamHistoryExport) with its peak memory, and chain verification (verifyAuditChain).
// Targets: page p95 < 150 ms; export peak RSS growth < 200 MB; verification >= 200,000 events/s.
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { decodeCursor, queryHistory, ZHistoryQuery, type THistoryQuery } from "../../lib/audit/query-history";
import { verifyAuditChain } from "../../lib/audit/verify-chain";
import { listCatalogue } from "../../lib/cmdlets/catalogue";
import { closeDb, getAdapterFactory, getDb } from "../../lib/db/client";
import type { PrismaClient } from "../../lib/generated/prisma/client";
import { seedAuditEvents } from "../../scripts/seed-audit-events";
import { applyMigrations } from "../../scripts/db/migrations";
import { startBenchDatabase } from "./support/bench-database";
import { measureExport, type TExportFigures } from "./support/export-child";
import { explainHistoryQuery, summarise, type TStats } from "./support/measure";
import { writeResult } from "./support/results";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const EVENTS = Number(flag("events") ?? 1_000_000);
const RUNS = Number(flag("runs") ?? 200);
const EXPLAIN = args.includes("--explain");
const TARGETS = { pageP95Ms: 150, exportPeakOverBaselineMb: 200, verifyEventsPerSec: 200_000 };

type TView = { name: string; make: (rand: () => number) => { raw: Record<string, string>; pagesIn: number } };

function pickFrom<T>(list: readonly T[], rand: () => number): T {
  return list[Math.floor(rand() * list.length)]!;
}

// The filtered views an auditor opens, with parameters drawn from the seeded data.
async function makeViews(db: PrismaClient): Promise<TView[]> {
  const mailboxes = await db.$queryRawUnsafe<{ v: string; n: bigint }[]>(`SELECT "targetMailbox" AS v, count(*) AS n FROM "AuditEvent" WHERE "targetMailbox" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC`);
  const actors = await db.$queryRawUnsafe<{ v: string }[]>(`SELECT DISTINCT "actorUpn" AS v FROM "AuditEvent" WHERE "actorUpn" IS NOT NULL`);
  const span = await db.$queryRawUnsafe<{ lo: Date; hi: Date }[]>(`SELECT min(at) AS lo, max(at) AS hi FROM "AuditEvent"`);
  const lo = span[0]!.lo.getTime();
  const hi = span[0]!.hi.getTime();
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  const week = (rand: () => number) => {
    const start = lo + rand() * Math.max(0, hi - lo - 7 * 86_400_000);
    return { from: day(start), to: day(start + 6 * 86_400_000) };
  };
  const busy = mailboxes.slice(0, 20).map((m) => m.v);
  const all = mailboxes.map((m) => m.v);
  const actions = listCatalogue().map((a) => a.id);
  const statuses = ["PENDING_APPROVAL", "APPROVED", "EXECUTING", "SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "REJECTED", "CANCELLED", "EXPIRED"];
  const types = ["request.submitted", "execution.finished", "access.denied", "session.signed-in", "request.rejected", "policy.changed"];
  const actorList = actors.map((a) => a.v);
  return [
    { name: "newest, unfiltered", make: () => ({ raw: {}, pagesIn: 0 }) },
    { name: "by mailbox", make: (r) => ({ raw: { mailbox: pickFrom(all, r) }, pagesIn: 0 }) },
    { name: "by busy mailbox", make: (r) => ({ raw: { mailbox: pickFrom(busy, r) }, pagesIn: 0 }) },
    { name: "by actor", make: (r) => ({ raw: { actor: pickFrom(actorList, r) }, pagesIn: 0 }) },
    { name: "by action + status", make: (r) => ({ raw: { action: pickFrom(actions, r), status: pickFrom(statuses, r) }, pagesIn: 0 }) },
    { name: "by event type", make: (r) => ({ raw: { type: pickFrom(types, r) }, pagesIn: 0 }) },
    { name: "by date range (7 days)", make: (r) => ({ raw: week(r), pagesIn: 0 }) },
    { name: "mailbox + date range", make: (r) => ({ raw: { mailbox: pickFrom(busy, r), ...week(r) }, pagesIn: 0 }) },
    { name: "sorted by actor", make: (r) => ({ raw: { sort: "actor", dir: r() < 0.5 ? "asc" : "desc" }, pagesIn: 0 }) },
    { name: "deep page (6th), unfiltered", make: () => ({ raw: {}, pagesIn: 5 }) },
    { name: "deep page (6th), by mailbox", make: (r) => ({ raw: { mailbox: pickFrom(busy, r) }, pagesIn: 5 }) },
    { name: "deep page (6th), sorted by actor", make: (r) => ({ raw: { sort: "actor", dir: r() < 0.5 ? "asc" : "desc" }, pagesIn: 5 }) },
  ];
}

// Walks `pagesIn` pages by their next links, as a user clicking "Next" would; returns the cursor.
async function cursorAfter(db: PrismaClient, query: THistoryQuery, pagesIn: number) {
  let after: ReturnType<typeof decodeCursor>;
  for (let i = 0; i < pagesIn; i++) {
    const { next } = await queryHistory(db, query, { after });
    if (!next) break;
    after = decodeCursor(next);
  }
  return after;
}

type TSlowest = { view: string; ms: number; raw: Record<string, string>; pagesIn: number };

async function measurePages(db: PrismaClient) {
  const views = await makeViews(db);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (const view of views) for (let i = 0; i < 2; i++) { // warm caches and the query compiler
    const { raw, pagesIn } = view.make(rand);
    const query = ZHistoryQuery.parse(raw);
    await queryHistory(db, query, { after: await cursorAfter(db, query, pagesIn) });
  }
  const all: number[] = [];
  const byView = new Map<string, number[]>();
  const slowest = new Map<string, TSlowest>();
  for (let run = 0; run < RUNS; run++) {
    const view = views[run % views.length]!;
    const { raw, pagesIn } = view.make(rand);
    const query = ZHistoryQuery.parse(raw);
    const after = await cursorAfter(db, query, pagesIn);
    const started = performance.now();
    await queryHistory(db, query, { after });
    const ms = performance.now() - started;
    all.push(ms);
    byView.set(view.name, [...(byView.get(view.name) ?? []), ms]);
    if (ms > (slowest.get(view.name)?.ms ?? -1)) slowest.set(view.name, { view: view.name, ms, raw, pagesIn });
  }
  const perView = Object.fromEntries([...byView].map(([name, times]) => [name, summarise(times)]));
  return { overall: summarise(all), perView, slowest: [...slowest.values()] };
}

// In a fresh process, on the same database (DATABASE_URL).
function measureExportInChild(): TExportFigures {
  const child = spawnSync(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "support", "export-child.ts")], { env: process.env, encoding: "utf8", maxBuffer: 1 << 20 });
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  if (child.status !== 0 || !line.startsWith("{")) throw new Error(`the export process failed (${child.status}):\n${child.stdout}\n${child.stderr}`);
  return JSON.parse(line) as TExportFigures;
}

async function measureVerify(db: PrismaClient) {
  const started = performance.now();
  const report = await verifyAuditChain(db);
  const seconds = (performance.now() - started) / 1000;
  if (!report.ok) throw new Error(`the seeded chain does not verify: #${report.broken.seq} ${report.broken.reason}`);
  return { events: report.events, seconds: Math.round(seconds * 10) / 10, eventsPerSec: Math.round(report.events / seconds) };
}

async function bench() {
  const database = await startBenchDatabase();
  process.env.DATABASE_URL = database.url; // for getDb() here and in the export's process
  try {
    // Other work on the machine skews every figure: the 1-minute load average goes with each line.
    const log = (m: string) => console.log(`${m}  (load ${os.loadavg()[0]!.toFixed(1)})`);
    const loadAverages: Record<string, number> = {};
    const noteLoad = (phase: string) => (loadAverages[phase] = Math.round(os.loadavg()[0]! * 10) / 10);
    await applyMigrations(getAdapterFactory());
    const db = getDb();
    let lastLog = 0;
    const seeded = await seedAuditEvents(db, {
      events: EVENTS,
      onProgress: (done, total, ms) => {
        if (done - lastLog < 100_000 && done !== total) return;
        lastLog = done;
        log(`seeded ${done.toLocaleString("en")} / ${total.toLocaleString("en")} (${Math.round(done / (ms / 1000)).toLocaleString("en")} events/s, ${(ms / 1000).toFixed(0)} s)`);
      },
    });
    noteLoad("afterSeed");
    const seedSeconds = Math.round(seeded.elapsedMs / 100) / 10;
    let t = performance.now();
    await db.$executeRawUnsafe(`VACUUM ANALYZE "AuditEvent"`);
    const vacuumSeconds = Math.round((performance.now() - t) / 100) / 10;
    const [size] = await db.$queryRawUnsafe<{ mb: number }[]>(`SELECT (pg_total_relation_size('"AuditEvent"') / 1048576)::int AS mb`);
    log(`seeded in ${seedSeconds} s, VACUUM ANALYZE ${vacuumSeconds} s, table + indexes ${size?.mb} MB`);
    t = performance.now();
    const pages = await measurePages(db);
    log(`history page: p50 ${pages.overall.p50Ms} ms, p95 ${pages.overall.p95Ms} ms, p99 ${pages.overall.p99Ms} ms (${((performance.now() - t) / 1000).toFixed(0)} s)`);
    noteLoad("afterPages");
    const inProcess = await measureExport(db);
    const exported = measureExportInChild();
    noteLoad("afterExport");
    log(`CSV export in the benchmark process: ${inProcess.rowsPerSec.toLocaleString("en")} rows/s; RSS ${inProcess.rss.baselineMb} → peak ${inProcess.rss.peakMb} MB`);
    log(`CSV export: ${exported.rows.toLocaleString("en")} rows, ${Math.round(exported.bytes / 1048576)} MB in ${exported.seconds} s; peak RSS +${exported.rss.peakOverBaselineMb} MB`);
    const verified = await measureVerify(db);
    noteLoad("afterVerify");
    log(`verification: ${verified.eventsPerSec.toLocaleString("en")} events/s`);
    const explained: Record<string, string> = {};
    if (EXPLAIN) {
      for (const s of pages.slowest.sort((a, b) => b.ms - a.ms).slice(0, 4)) {
        const query = ZHistoryQuery.parse(s.raw);
        explained[`${s.view} (${s.ms.toFixed(0)} ms) ${JSON.stringify(s.raw)}`] = await explainHistoryQuery(getAdapterFactory(), query, { after: await cursorAfter(db, query, s.pagesIn) });
      }
    }
    return {
      events: seeded.totalEvents,
      seed: { seconds: seedSeconds, eventsPerSec: Math.round(EVENTS / (seeded.elapsedMs / 1000)) },
      vacuumAnalyzeSeconds: vacuumSeconds,
      tableMb: size?.mb,
      historyPage: pages,
      csvExport: exported,
      csvExportInBenchProcess: inProcess,
      verification: verified,
      loadAverages,
      explain: explained,
    };
  } finally {
    await closeDb();
    await database.stop();
  }
}

function printTable(r: Awaited<ReturnType<typeof bench>>) {
  const row = (name: string, s: TStats) => `  ${name.padEnd(34)} ${String(s.p50Ms).padStart(8)} ${String(s.p95Ms).padStart(8)} ${String(s.p99Ms).padStart(8)} ${String(s.maxMs).padStart(8)}`;
  const ok = (pass: boolean) => (pass ? "PASS" : "MISS");
  console.log(`\n== PostgreSQL: ${r.events.toLocaleString("en")} events (seeded in ${r.seed.seconds} s, ${r.seed.eventsPerSec.toLocaleString("en")}/s; table ${r.tableMb} MB; load ${JSON.stringify(r.loadAverages)}) ==`);
  console.log(`  ${"history page view".padEnd(34)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)}`);
  for (const [name, s] of Object.entries(r.historyPage.perView)) console.log(row(name, s));
  console.log(row(`ALL (${r.historyPage.overall.runs} runs)`, r.historyPage.overall), ` ${ok(r.historyPage.overall.p95Ms < TARGETS.pageP95Ms)} p95 < ${TARGETS.pageP95Ms} ms`);
  const e = r.csvExport;
  console.log(`  CSV export (fresh process): ${e.rows.toLocaleString("en")} rows, ${Math.round(e.bytes / 1048576)} MB, ${e.seconds} s, ${e.rowsPerSec.toLocaleString("en")} rows/s; RSS ${e.rss.baselineMb} → peak ${e.rss.peakMb} MB (+${e.rss.peakOverBaselineMb} MB)  ${ok(e.rss.peakOverBaselineMb < TARGETS.exportPeakOverBaselineMb)} < ${TARGETS.exportPeakOverBaselineMb} MB`);
  console.log(`  Chain verification: ${r.verification.events.toLocaleString("en")} events in ${r.verification.seconds} s = ${r.verification.eventsPerSec.toLocaleString("en")} events/s  ${ok(r.verification.eventsPerSec >= TARGETS.verifyEventsPerSec)} >= ${TARGETS.verifyEventsPerSec.toLocaleString("en")}/s`);
  for (const [what, plan] of Object.entries(r.explain)) console.log(`\n-- EXPLAIN ANALYZE: ${what}\n${plan}`);
}

const result = await bench();
printTable(result);
writeResult("audit-history", { targets: TARGETS, ...result });
