// Benchmark (not a test): the JavaScript each page makes the browser load first, gzipped, from
// the build's own manifests (Next 16 no longer prints sizes in `next build`).
//   npm run build && npx tsx tests/bench/first-load-js.bench.ts
// Per page: the root main files every page loads (build-manifest.json rootMainFiles) plus the
// entry chunks of the page and its layouts (the page's client reference manifest,
// entryJSFiles). not-found and global-error chunks only load on those errors: left out. The
// nomodule polyfill file is skipped by modern browsers: left out.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { writeResult } from "./support/results";

const NEXT = path.join(process.cwd(), ".next");
const TARGET_KB = 150;

type TBuildManifest = { rootMainFiles: string[] };
type TClientManifest = { entryJSFiles?: Record<string, string[]> };

const gzipCache = new Map<string, number>();
function gzippedBytes(file: string): number {
  let n = gzipCache.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(path.join(NEXT, file))).byteLength;
    gzipCache.set(file, n);
  }
  return n;
}

function findClientManifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return findClientManifests(full);
    return e.name === "page_client-reference-manifest.js" ? [full] : [];
  });
}

// The manifest is a script that assigns globalThis.__RSC_MANIFEST[<entry>]; run it in a sandbox.
function readClientManifest(file: string): { entry: string; manifest: TClientManifest } {
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, TClientManifest> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, "utf8"), sandbox);
  const [entry, manifest] = Object.entries(sandbox.__RSC_MANIFEST ?? {})[0] ?? [];
  if (!entry || !manifest) throw new Error(`no client reference manifest in ${file}`);
  return { entry, manifest };
}

// "/(portal)/mailboxes/[identity]/access/page" → "/mailboxes/[identity]/access"
const routeOf = (entry: string) => "/" + entry.split("/").filter((s) => s && !/^\(.*\)$/.test(s)).slice(0, -1).join("/");

const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as TBuildManifest;
const pages = findClientManifests(path.join(NEXT, "server", "app"))
  .map(readClientManifest)
  .filter(({ entry }) => !/\/_(not-found|global-error)\//.test(entry))
  .map(({ entry, manifest }) => {
    const own = Object.entries(manifest.entryJSFiles ?? {})
      .filter(([key]) => !/(not-found|global-error)$/.test(key))
      .flatMap(([, files]) => files);
    const files = [...new Set([...build.rootMainFiles, ...own])];
    const kb = Math.round((files.reduce((s, f) => s + gzippedBytes(f), 0) / 1024) * 10) / 10;
    return { page: routeOf(entry), chunks: files.length, firstLoadKbGzip: kb, meetsTarget: kb <= TARGET_KB };
  })
  .sort((a, b) => a.page.localeCompare(b.page));
if (pages.length === 0) throw new Error("no pages found in .next: run `next build` first");

const shared = Math.round((build.rootMainFiles.reduce((s, f) => s + gzippedBytes(f), 0) / 1024) * 10) / 10;
console.log(`\n== First-load JS per page (gzip; shared by all: ${shared} kB) ==`);
for (const p of pages) console.log(`  ${p.page.padEnd(44)} ${String(p.firstLoadKbGzip).padStart(7)} kB  ${p.meetsTarget ? "PASS" : "MISS"} <= ${TARGET_KB} kB`);
const worst = Math.max(...pages.map((p) => p.firstLoadKbGzip));
writeResult("first-load-js", { targetKbGzip: TARGET_KB, sharedKbGzip: shared, largestKbGzip: worst, allMeetTarget: pages.every((p) => p.meetsTarget), pages });
