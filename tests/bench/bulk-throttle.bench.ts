// Benchmark (not a test): a bulk change of automatic replies for 1,000 mailboxes under the
// emulator's per-person throttling, against the minimum time the throttle allows.
//   npx tsx --conditions=react-server tests/bench/bulk-throttle.bench.ts [--mailboxes 1000] [--rate 20] [--burst 10] [--concurrency 4]
// The bulk is submitted and run by the portal's own code (lib/bulk) on a throw-away embedded
// PostgreSQL, with the real Exchange client and a real token. The throttle admits `rate` calls a
// second per person after a burst of `burst`; so N admitted calls need at least (N - burst) / rate
// seconds.
// Target: the run takes at most 1.1 times that, and every failed mailbox says why.
import { loadBulk } from "../../lib/bulk/load-bulk";
import { runBulk } from "../../lib/bulk/run-bulk";
import { submitBulk } from "../../lib/bulk/submit-bulk";
import { closeDb, getAdapterFactory } from "../../lib/db/client";
import { setActionPolicy } from "../../lib/policy/change-policy";
import { applyMigrations } from "../../scripts/db/migrations";
import { DEMO_USERS } from "../emulator/index";
import { Harness } from "../emulator/test-support/harness";
import { exchangeAs } from "../integration/support/emulator-exchange";
import { actorOf } from "../integration/support/people";
import { startBenchDatabase } from "./support/bench-database";
import { writeResult, numberFlag } from "./support/results";

const MAILBOXES = numberFlag("mailboxes", 1000);
const RATE = numberFlag("rate", 20);
const BURST = numberFlag("burst", 10);
const CONCURRENCY = numberFlag("concurrency", 4);
const TARGET_RATIO = 1.1;

type TThrottling = { users: { upn: string; admitted: number; refused: number; minimumSeconds: number }[] };

async function main() {
  const database = await startBenchDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.EXODESK_BULK_CONCURRENCY = String(CONCURRENCY);
  await applyMigrations(getAdapterFactory());
  const h = await Harness.start();
  try {
    const person = { oid: "bench-oid", tid: "tid", upn: DEMO_USERS.helpdesk, name: "Bench Helpdesk", roles: ["ExoDesk.Helpdesk" as const] };
    const admin = { ...person, oid: "bench-admin", upn: DEMO_USERS.admin, roles: ["ExoDesk.Admin" as const] };
    await setActionPolicy(admin, actorOf(admin), { actionId: "auto-reply.set", requiresApproval: false, pendingHours: 72 });
    const { mailboxes } = await h.control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count: MAILBOXES });
    const ex = await exchangeAs(h, person.upn);
    const rawParams = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Closed for the holiday.</p>", externalMessage: "", externalAudience: "None" };
    const { bulkId } = await submitBulk({ user: person, actor: actorOf(person), ex, targets: mailboxes.map((input, i) => ({ line: i + 1, input })), rawParams });

    await h.control("DELETE", "calls");
    await h.control("POST", "throttling", { concurrency: CONCURRENCY, ratePerSecond: RATE, burst: BURST });
    const started = performance.now();
    await runBulk(bulkId, { exchangeFor: async () => ex, concurrency: CONCURRENCY });
    const seconds = (performance.now() - started) / 1000;
    const throttling = await h.control<TThrottling>("GET", "throttling");
    await h.control("DELETE", "throttling");

    const view = await loadBulk(person, bulkId);
    const unexplained = view.items.filter((i) => i.group === "failed" && !i.errorMessage);
    const stats = throttling.users.find((u) => u.upn.toLowerCase() === person.upn.toLowerCase()) ?? { admitted: 0, refused: 0, minimumSeconds: 0 };
    const { minimumSeconds } = stats;
    const ratio = seconds / minimumSeconds;
    const result = {
      mailboxes: MAILBOXES,
      throttle: { ratePerSecond: RATE, burst: BURST, concurrency: CONCURRENCY },
      seconds: Math.round(seconds * 10) / 10,
      admittedCalls: stats.admitted,
      refusedCalls: stats.refused,
      minimumSeconds: Math.round(minimumSeconds * 10) / 10,
      ratio: Math.round(ratio * 1000) / 1000,
      target: `<= ${TARGET_RATIO}x the throttle's minimum`,
      met: ratio <= TARGET_RATIO && unexplained.length === 0,
      counts: view.counts,
      failedReasons: [...new Set(view.items.filter((i) => i.group === "failed").map((i) => i.errorMessage))],
      unexplainedFailures: unexplained.length,
    };
    console.table([{ mailboxes: MAILBOXES, seconds: result.seconds, minimum: result.minimumSeconds, ratio: result.ratio, done: view.counts.done, failed: view.counts.failed, met: result.met }]);
    writeResult("bulk-throttle", result);
  } finally {
    await h.close();
    await closeDb();
    await database.stop();
  }
}

await main();
