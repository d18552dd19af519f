// Where a CPU profile's time goes: self and total time by function, by source file, by package
// and by area of the portal (session, token cache, database, rendering…), in milliseconds per
// request when the profile says how many requests it covers. Positions in Next.js's minified
// server chunks are mapped back to their sources through the build's source maps, so lib/auth
// shows as lib/auth and a bundled library under its own package name.
//   npx tsx tests/bench/support/summarise-cpu-profile.ts <file.cpuprofile> [--requests N] [--top 25]
// (<file>.requests, written beside the profile by portal.bench.ts --cpu-profile, gives N.)
// Self time: samples whose innermost frame is that function. Total: samples with the function
// anywhere on the stack, each counted once.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

type TCallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type TNode = { id: number; callFrame: TCallFrame; children?: number[] };
type TProfile = { nodes: TNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };
type TMapped = { originalSource?: string; originalLine: number; name?: string };
type TFrame = { fn: string; file: string; pkg: string; area: string };

// Areas, first match wins, tried against "<package> <source file> <function>".
const AREAS: [string, RegExp][] = [
  ["session cookie (next-auth, jose)", /^(next-auth|jose|openid-client) |lib\/auth\/(options|session)\.ts/],
  ["token cache + MSAL", /^@azure\/msal|lib\/auth\/(tokens|token-store|token-crypto|msal)\.ts/],
  ["database (Prisma, pg)", /^(@prisma\/|pg |pg-|postgres)|lib\/db\/|lib\/generated\//],
  ["audit writes and hash chain", /lib\/audit\//],
  ["logging (pino)", /^(pino|sonic-boom|fast-redact|thread-stream)|lib\/log\//],
  ["Exchange client (lib/exchange)", /lib\/exchange\//],
  ["HTTP client (undici, TLS)", /undici|^node:(_tls|tls|https)\b/],
  ["zod", /^zod /],
  ["response compression (gzip)", /compression|zlib/],
  ["React server rendering", /^react(-dom|-server-dom)?/],
  ["Next.js server", /^next /],
  ["ExoDesk app code", /^(app|lib|proxy\.ts|instrumentation\.ts)[/ ]/],
  ["garbage collection", /\(garbage collector\)/],
];
// Areas that say nothing about who asked for the work: a sample in one of them is charged to
// the nearest caller on its stack that is in another area.
const GENERIC = new Set(["Node.js and native code", "other"]);

const maps = new Map<string, SourceMap | null>();
function sourceMapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    const mapFile = `${file}.map`;
    maps.set(file, existsSync(mapFile) ? new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))) : null);
  }
  return maps.get(file)!;
}

// "…/node_modules/@azure/msal-node/…" → "@azure/msal-node"; a library Next.js compiles into its
// own runtime (webpack://next/./dist/compiled/react-dom/…) → "react-dom".
function packageIn(file: string): string | undefined {
  const compiled = /dist\/compiled\/(@[^/]+\/[^/]+|[^/]+)\//.exec(file);
  if (compiled) return compiled[1] === "next-server" ? "next" : compiled[1];
  const i = file.lastIndexOf("node_modules/");
  if (i < 0) return undefined;
  const [a = "", b = ""] = file.slice(i + "node_modules/".length).split("/");
  return a.startsWith("@") ? `${a}/${b}` : a;
}

function toFrame(cf: TCallFrame): TFrame {
  let file = cf.url;
  let line = cf.lineNumber;
  let fn = cf.functionName;
  let pkg: string;
  if (file.startsWith("file://")) {
    const generated = fileURLToPath(file);
    // An empty object where nothing maps; Node's types do not know the mapped `name` yet.
    const entry = (cf.lineNumber >= 0 ? sourceMapOf(generated)?.findEntry(cf.lineNumber, cf.columnNumber) : undefined) as TMapped | undefined;
    file = generated;
    if (entry?.originalSource) {
      file = decodeURIComponent(entry.originalSource);
      line = entry.originalLine;
      // Minified names say nothing; the mapped name at the function's start sometimes does.
      if (fn.length <= 2 && entry.name && entry.name.length > 2) fn = entry.name;
    }
    // The original source names the package for what a bundle holds (Next's runtime, the
    // build's chunks); otherwise the file on disk does.
    pkg = packageIn(file) ?? (generated.includes("/.next/") ? "" : packageIn(generated)) ?? "";
    file = file.replace(/^.*?\[project\]\//, "").replace(/^(\.\.\/)+/, "").replace(`${process.cwd()}/`, "");
    if (!pkg) pkg = /^(app|lib)\//.test(file) ? file.split("/").slice(0, 2).join("/") : file.split("/")[0]!;
  } else if (!file) {
    file = pkg = cf.functionName.startsWith("(") ? cf.functionName : "(native)";
  } else if (file.startsWith("wasm://")) {
    pkg = "@prisma/client"; // the only WebAssembly in the server: Prisma's query compiler
  } else {
    file = pkg = `node:${file.replace(/^node:/, "")}`;
  }
  const where = file.startsWith("(") ? "" : ` ${file}:${line + 1}`;
  const subject = `${pkg} ${file} ${cf.functionName}`;
  const area = AREAS.find(([, re]) => re.test(subject))?.[0] ?? (/^(node:|\()/.test(pkg) ? "Node.js and native code" : "other");
  return { fn: `${fn || "(anonymous)"}${where}`, file, pkg, area };
}

type TTally = Map<string, { self: number; total: number }>;

function add(tally: TTally, key: string, field: "self" | "total", ms: number) {
  const row = tally.get(key) ?? { self: 0, total: 0 };
  row[field] += ms;
  tally.set(key, row);
}

export function summariseCpuProfile(profile: TProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, toFrame(n.callFrame)]));
  const tallies = { fn: new Map() as TTally, file: new Map() as TTally, pkg: new Map() as TTally, area: new Map() as TTally, charged: new Map() as TTally };
  let busyMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample's time is the gap to the next one (the last sample has none: the mean).
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000;
    if (byId.get(id)?.callFrame.functionName === "(idle)") return void (idleMs += ms);
    busyMs += ms;
    const leaf = frames.get(id)!;
    for (const k of ["fn", "file", "pkg", "area"] as const) add(tallies[k], leaf[k], "self", ms);
    const seen = { fn: new Set<string>(), file: new Set<string>(), pkg: new Set<string>(), area: new Set<string>() };
    let charged: string | undefined;
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = frames.get(at)!;
      if (!charged && !GENERIC.has(f.area)) charged = f.area;
      for (const k of ["fn", "file", "pkg", "area"] as const) {
        if (seen[k].has(f[k])) continue;
        seen[k].add(f[k]);
        add(tallies[k], f[k], "total", ms);
      }
    }
    for (const field of ["self", "total"] as const) add(tallies.charged, charged ?? `${leaf.area} (no caller in another area)`, field, ms);
  });
  return { busyMs, idleMs, tallies };
}

function printTable(title: string, tally: TTally, busyMs: number, perRequest: number, top: number, by: "self" | "total") {
  const rows = [...tally.entries()].sort((a, b) => b[1][by] - a[1][by]).slice(0, top);
  const fmt = (ms: number) => (ms / perRequest).toFixed(2).padStart(8);
  const share = (ms: number) => `${((100 * ms) / busyMs).toFixed(1)}%`.padStart(6);
  console.log(`\n${title} (ms${perRequest > 1 ? " per request" : ""}: self, share, total, share)`);
  for (const [key, v] of rows) console.log(`${fmt(v.self)} ${share(v.self)} ${fmt(v.total)} ${share(v.total)}  ${key}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const file = args.find((a) => a.endsWith(".cpuprofile"));
  if (!file) throw new Error("usage: summarise-cpu-profile.ts <file.cpuprofile> [--requests N] [--top 25]");
  const option = (name: string) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : undefined);
  const countFile = file.replace(/\.cpuprofile$/, ".requests");
  const requests = option("requests") ?? (existsSync(countFile) ? Number(readFileSync(countFile, "utf8")) : 1);
  const top = option("top") ?? 25;
  const profile = JSON.parse(readFileSync(file, "utf8")) as TProfile;
  const { busyMs, idleMs, tallies } = summariseCpuProfile(profile);
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  console.log(`${file}: ${requests} requests, ${(wallMs / 1000).toFixed(1)} s wall, CPU busy ${busyMs.toFixed(0)} ms (${(busyMs / requests).toFixed(2)} ms per request), idle ${idleMs.toFixed(0)} ms`);
  printTable("By area, Node.js and native frames charged to their nearest caller in another area", tallies.charged, busyMs, requests, top, "self");
  printTable("By area, as is (total: the area anywhere on the stack)", tallies.area, busyMs, requests, top, "total");
  printTable("By package or folder", tallies.pkg, busyMs, requests, top, "self");
  printTable("By source file, self time", tallies.file, busyMs, requests, top, "self");
  printTable("By function, self time", tallies.fn, busyMs, requests, top, "self");
  printTable("By function, total time", tallies.fn, busyMs, requests, top, "total");
}
