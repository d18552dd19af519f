// Benchmark (not a test): what the portal adds to Exchange calls, and how many proxied reads a
// second it serves, on a throw-away embedded PostgreSQL.
//   npm run build && npx tsx tests/bench/portal.bench.ts [--samples 60] [--seconds 15] [--concurrency 16]
//     [--portal-port 3710] [--emulator-port 4970] [--cpu-profile <dir>]
// --cpu-profile: CPU profiles of the portal server, one per phase (the page GETs, the changes,
// the concurrent reads), the GETs and changes then run one block after the other instead of
// interleaved; summarise them with tests/bench/support/summarise-cpu-profile.ts.
// Proxy overhead: the auto-reply page (a GET: Get-Mailbox,
// Get-MailboxRegionalConfiguration, Get-MailboxAutoReplyConfiguration) and the auto-reply
// server action (POSTed as the browser does: before-read, Set-, read-back, audit writes) against
// the same calls made directly with a token, interleaved. The emulator's call log says which
// calls the portal made; each portal sample is paired with a direct replay of exactly those
// calls, and overhead = portal time − the replay's time. Emulator latency stays at 0.
import type { TStack } from "../../scripts/stack/start-stack";
import { callEmulator } from "../support/emulator-control";
import { launchChromium, withBenchStack } from "./support/bench-stack";
import { cpuProfiler } from "./support/cpu-profile";
import { directExchange, tokenFor, type TDirectExchange } from "./support/direct-exchange";
import { summarise } from "./support/measure";
import { loadAverage, writeResult, numberFlag } from "./support/results";

const args = process.argv.slice(2);
const SAMPLES = numberFlag("samples", 60);
const SECONDS = numberFlag("seconds", 15);
const CONCURRENCY = numberFlag("concurrency", 16);
// Ports of their own, so the benchmark runs beside the e2e suite (3210/4643).
const PORTAL_PORT = numberFlag("portal-port", 3710);
const EMULATOR_PORT = numberFlag("emulator-port", 4970);
const profiler = args.includes("--cpu-profile") ? cpuProfiler(args[args.indexOf("--cpu-profile") + 1] ?? "cpu-profiles") : undefined;
process.env.E2E_PORTAL_PORT = String(PORTAL_PORT);
const { callAction } = await import("../e2e/support/access-client");
const { signInAs, mailbox } = await import("../e2e/support");
const { readBuiltApp } = await import("../e2e/support/built-app");

const TARGETS = { overheadP50Ms: 5, overheadP99Ms: 25, readsPerSec: 300 };
const TARGET = mailbox("megan.bowen");
// The writers: the rate limit allows 30 changes a minute per person.
const WRITERS = ["helpdesk", "approver"] as const;
type TLoggedCall = { cmdlet: string | null; parameters: Record<string, unknown> | null };

async function signedIn(stack: TStack, who: string) {
  const browser = await launchChromium();
  const context = await browser.newContext({ baseURL: stack.portalUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signInAs(page, who, "/mailboxes");
  await page.close();
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return { browser, context, cookie };
}

async function emulatorCalls(stack: TStack): Promise<TLoggedCall[]> {
  const res = await fetchEmulator(stack, "GET", "calls");
  return (res as { calls: TLoggedCall[] }).calls.filter((c) => c.cmdlet !== null);
}

async function fetchEmulator(stack: TStack, method: "GET" | "DELETE", what: string): Promise<unknown> {
  return await callEmulator({ url: stack.emulatorUrl, caPath: stack.caCertPath }, method, `/_emulator/${what}`);
}

// Times one portal request, then replays directly the Exchange calls it made.
async function pairedSample(stack: TStack, direct: TDirectExchange, portal: () => Promise<void>) {
  await fetchEmulator(stack, "DELETE", "calls");
  let t = performance.now();
  await portal();
  const portalMs = performance.now() - t;
  const calls = await emulatorCalls(stack);
  t = performance.now();
  for (const c of calls) await direct.invoke(c.cmdlet!, c.parameters ?? {});
  const directMs = performance.now() - t;
  return { portalMs, directMs, calls: calls.map((c) => c.cmdlet!) };
}

type TSample = Awaited<ReturnType<typeof pairedSample>>;

function summariseSamples(samples: TSample[]) {
  const overhead = summarise(samples.map((s) => s.portalMs - s.directMs));
  return {
    exchangeCallsPerRequest: samples[0]?.calls,
    portalEndToEnd: summarise(samples.map((s) => s.portalMs)),
    directSumOfThoseCalls: summarise(samples.map((s) => s.directMs)),
    overhead,
    meetsTarget: overhead.p50Ms <= TARGETS.overheadP50Ms && overhead.p99Ms <= TARGETS.overheadP99Ms,
  };
}

async function measureOverhead(stack: TStack, dataDir: string) {
  const sessions: Awaited<ReturnType<typeof signedIn>>[] = [];
  for (const w of WRITERS) sessions.push(await signedIn(stack, w));
  const directs = await Promise.all(WRITERS.map(async (w) => directExchange(stack, await tokenFor(stack, dataDir, mailbox(w)), mailbox(w))));
  const setAction = readBuiltApp().actions.find((a) => a.key.endsWith("auto-reply/actions.ts#setAutoReplyAction"));
  if (!setAction) throw new Error("no setAutoReplyAction in the build");
  const pagePath = `/mailboxes/${encodeURIComponent(TARGET)}/auto-reply`;
  const read = (cookie: string) => async () => {
    const res = await fetch(`${stack.portalUrl}${pagePath}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("autoReplyState")) throw new Error(`the auto-reply page answered ${res.status}`);
  };
  let n = 0;
  const write = (i: number) => async () => {
    const form = { identity: TARGET, autoReplyState: "Enabled", internalMessage: `<p>Away (bench ${n++})</p>`, externalMessage: "", externalAudience: "None", scheduleZone: "UTC", startTime: "", endTime: "" };
    const res = await callAction(sessions[i]!.context.request, setAction.id, pagePath, { form });
    const text = await res.text();
    if (res.status() !== 200 || /"ok":false/.test(text)) throw new Error(`the auto-reply action failed: ${res.status()} ${text.slice(0, 300)}`);
  };
  // Warm-up: compile paths, fill caches, open connections.
  for (let i = 0; i < 3; i++) {
    await pairedSample(stack, directs[0]!, read(sessions[0]!.cookie));
    await pairedSample(stack, directs[i % 2]!, write(i % 2));
  }
  const gets: TSample[] = [];
  const sets: TSample[] = [];
  // Interleaved; writes alternate between the writers and stay under the per-person rate limit.
  const writes = Math.min(SAMPLES, 2 * 25 - 6);
  const getOne = async () => void gets.push(await pairedSample(stack, directs[0]!, read(sessions[0]!.cookie)));
  const setOne = async (i: number) => void sets.push(await pairedSample(stack, directs[i % 2]!, write(i % 2)));
  if (profiler) {
    await profiler.phase("page", () => SAMPLES, async () => { for (let i = 0; i < SAMPLES; i++) await getOne(); });
    await profiler.phase("change", () => writes, async () => { for (let i = 0; i < writes; i++) await setOne(i); });
  }
  for (let i = 0; !profiler && i < SAMPLES; i++) {
    await getOne();
    if (i < writes) await setOne(i);
  }
  for (const s of sessions) await s.browser.close();
  for (const d of directs) d.close();
  return { get: summariseSamples(gets), set: { ...summariseSamples(sets), note: `${sets.length} samples: the portal allows 30 changes a minute per person` }, loadAverage: loadAverage() };
}

// CONCURRENCY loops each GET the auto-reply page for SECONDS; every page is three Exchange reads
// (Get-Recipient, Get-MailboxRegionalConfiguration, Get-MailboxAutoReplyConfiguration).
const READS_PER_PAGE = 3;
async function measureReadsPerSecond(stack: TStack) {
  const session = await signedIn(stack, "helpdesk");
  const url = `${stack.portalUrl}/mailboxes/${encodeURIComponent(TARGET)}/auto-reply`;
  const once = async () => {
    const res = await fetch(url, { headers: { cookie: session.cookie } });
    await res.text();
    return res.status === 200;
  };
  for (let i = 0; i < 10; i++) await once();
  let pages = 0;
  let failed = 0;
  const times: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const load = () => Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (performance.now() < deadline) {
      const t = performance.now();
      if (await once()) pages++;
      else failed++;
      times.push(performance.now() - t);
    }
  }));
  await (profiler ? profiler.phase("concurrent-pages", () => pages + failed, load) : load());
  const seconds = (performance.now() - started) / 1000;
  await session.browser.close();
  const pagesPerSec = Math.round((pages / seconds) * 10) / 10;
  // A proxied read is one read cmdlet the portal relays to Exchange.
  const readsPerSec = pagesPerSec * READS_PER_PAGE;
  return {
    concurrency: CONCURRENCY, seconds: Math.round(seconds * 10) / 10, pages, failed,
    pagesPerSec, exchangeReadsPerSec: Math.round(readsPerSec), latency: summarise(times),
    meetsTarget: readsPerSec >= TARGETS.readsPerSec, loadAverage: loadAverage(),
  };
}

async function bench() {
  return await withBenchStack(
    "portal",
    { portal: PORTAL_PORT, emulator: EMULATOR_PORT },
    async (stack, dataDir) => ({ overhead: await measureOverhead(stack, dataDir), reads: await measureReadsPerSecond(stack) }),
    profiler?.env,
  );
}

const { overhead: o, reads: r } = await bench();
const row = (name: string, s: ReturnType<typeof summariseSamples>) =>
  `  ${name.padEnd(40)} portal p50/p99 ${s.portalEndToEnd.p50Ms}/${s.portalEndToEnd.p99Ms} ms, direct ${s.directSumOfThoseCalls.p50Ms}/${s.directSumOfThoseCalls.p99Ms} ms, overhead ${s.overhead.p50Ms}/${s.overhead.p99Ms} ms  ${s.meetsTarget ? "PASS" : "MISS"}`;
console.log(`\n== Proxy overhead (load ${o.loadAverage.join(" ")}) ==`);
console.log(row(`GET page (${o.get.exchangeCallsPerRequest?.join(", ")})`, o.get));
console.log(row(`Set action (${o.set.exchangeCallsPerRequest?.join(", ")})`, o.set));
console.log(`== Proxied reads: ${r.exchangeReadsPerSec} Exchange reads/s (${r.pagesPerSec} pages/s), ${CONCURRENCY} concurrent, p50 ${r.latency.p50Ms} ms, ${r.failed} failed  ${r.meetsTarget ? "PASS" : "MISS"} >= ${TARGETS.readsPerSec}/s (load ${r.loadAverage.join(" ")})`);
writeResult("portal", { targets: TARGETS, proxyOverhead: o, proxiedReads: r });
