// Benchmark (not a test): the mailbox report of a 5,000-mailbox tenant under the emulator's
// per-person throttling and a fixed Exchange latency, against the least time the throttle allows.
//   npx tsx --conditions=react-server tests/bench/report-scale.bench.ts [--mailboxes 5000] [--rate 20] [--burst 10] [--concurrency 8] [--latency 300]
// The report is started and built by the portal's own code (lib/reports) on a throw-away
// embedded PostgreSQL, with the real Exchange client and a fresh token per batch. Every call
// waits `latency` ms (the emulator's chaos mode, no faults); the throttle admits `rate` calls a
// second after a burst of `burst`, so N admitted calls need at least (N - burst) / rate seconds.
// With `concurrency` calls in flight, latency alone needs N × latency / concurrency: at 300 ms,
// 8 in flight carry 26.7 calls a second, more than the throttle's 20, so the throttle binds.
// The report makes four calls per mailbox plus a few paged tenant-wide reads: 5,000 mailboxes
// are about 20,000 calls, at least 1,000 s (17 minutes) at 20 a second; the run takes about 32
// minutes today (README, "Mailbox reports"). `--mailboxes 200` gives a figure in about a minute.
import { getDb, closeDb, getAdapterFactory } from "../../lib/db/client";
import { findReportBuild } from "../../lib/reports/run-report-build";
import { startReport } from "../../lib/reports/start-report";
import { applyMigrations } from "../../scripts/db/migrations";
import { DEMO_USERS } from "../emulator/index";
import { Harness } from "../emulator/test-support/harness";
import { emulatorExchange } from "../integration/support/emulator-exchange";
import { startBenchDatabase } from "./support/bench-database";
import { writeResult, numberFlag } from "./support/results";

const MAILBOXES = numberFlag("mailboxes", 5000);
const RATE = numberFlag("rate", 20);
const BURST = numberFlag("burst", 10);
const CONCURRENCY = numberFlag("concurrency", 8);
const LATENCY_MS = numberFlag("latency", 300);
const TARGET_RATIO = 1.1;
const MAX_CALLS_PER_MAILBOX = 4;

type TThrottling = { users: { upn: string; admitted: number; refused: number; minimumSeconds: number }[] };
type TCall = { cmdlet: string | null; parameters: Record<string, unknown> | null; nextPage: boolean; fault: string | null };

async function main() {
  const database = await startBenchDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.EXODESK_REPORT_CONCURRENCY = String(CONCURRENCY);
  await applyMigrations(getAdapterFactory());
  const h = await Harness.start();
  try {
    const demo = (await h.control<{ mailboxes: unknown[] }>("GET", "state")).mailboxes.length;
    if (MAILBOXES > demo) await h.control("POST", "seed-tenant", { mailboxes: MAILBOXES - demo });
    const person = { oid: "bench-oid", tid: "tid", upn: DEMO_USERS.helpdesk, name: "Bench Helpdesk", roles: ["ExoDesk.Helpdesk" as const] };
    // A fresh sign-in for every batch, as the portal renews the person's token per batch.
    const exchangeFor = () => emulatorExchange(h, person.upn);

    await h.control("DELETE", "calls");
    await h.control("POST", "throttling", { concurrency: CONCURRENCY, ratePerSecond: RATE, burst: BURST });
    await h.control("POST", "chaos", { latencyMs: [LATENCY_MS, LATENCY_MS] });
    const started = performance.now();
    const { reportId } = await startReport(person, { exchangeFor, concurrency: CONCURRENCY });
    const outcome = await findReportBuild(reportId);
    const seconds = (performance.now() - started) / 1000;
    const throttling = await h.control<TThrottling>("GET", "throttling");
    await h.control("DELETE", "chaos");
    await h.control("DELETE", "throttling");
    const calls = (await h.control<{ calls: TCall[] }>("GET", "calls")).calls.filter((c) => c.fault === null);

    const report = await getDb().mailboxReport.findUniqueOrThrow({ where: { id: reportId } });
    const states = await getDb().mailboxReportRow.groupBy({ by: ["state"], where: { reportId }, _count: true });
    const perMailbox = calls.filter((c) => c.parameters?.Identity !== undefined).length;
    const tenantWide = calls.filter((c) => c.parameters?.Identity === undefined);
    const stats = throttling.users.find((u) => u.upn.toLowerCase() === person.upn.toLowerCase()) ?? { admitted: 0, refused: 0, minimumSeconds: 0 };
    const mailboxes = report.total ?? 0;
    const ratio = seconds / stats.minimumSeconds;
    const callsPerMailbox = perMailbox / mailboxes;
    const result = {
      mailboxes,
      throttle: { ratePerSecond: RATE, burst: BURST, concurrency: CONCURRENCY },
      latencyMs: LATENCY_MS,
      outcome,
      rows: Object.fromEntries(states.map((s) => [s.state, s._count])),
      seconds: Math.round(seconds * 10) / 10,
      callsTotal: stats.admitted,
      refusedCalls: stats.refused,
      perMailboxCalls: perMailbox,
      callsPerMailbox: Math.round(callsPerMailbox * 1000) / 1000,
      tenantWidePagedCalls: tenantWide.length,
      tenantWideCalls: Object.fromEntries(["Get-Recipient", "Get-RecipientPermission", "Get-Mailbox"].map((c) => [c, tenantWide.filter((t) => t.cmdlet === c).length])),
      minimumSeconds: Math.round(stats.minimumSeconds * 10) / 10,
      latencyBoundSeconds: Math.round(((stats.admitted * LATENCY_MS) / 1000 / CONCURRENCY) * 10) / 10,
      ratio: Math.round(ratio * 1000) / 1000,
      target: `<= ${MAX_CALLS_PER_MAILBOX} calls per mailbox plus the paged tenant-wide reads; <= ${TARGET_RATIO}x the throttle's minimum`,
      met: outcome === "ready" && callsPerMailbox <= MAX_CALLS_PER_MAILBOX && ratio <= TARGET_RATIO,
    };
    console.table([{ mailboxes, seconds: result.seconds, calls: result.callsTotal, perMailbox: result.callsPerMailbox, tenantWide: result.tenantWidePagedCalls, minimum: result.minimumSeconds, ratio: result.ratio, met: result.met }]);
    writeResult("report-scale", result);
  } finally {
    await h.close();
    await closeDb();
    await database.stop();
  }
}

await main();
