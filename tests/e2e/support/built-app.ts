import { readFileSync } from "node:fs";
import path from "node:path";

// What the build serves, read from Next's own manifests, so the access matrix covers every
// server action, route handler and page that exists, not a list someone remembered to update.

export type TBuiltAction = { id: string; key: string; page: string };
export type TBuiltApp = { actions: TBuiltAction[]; routes: string[]; pages: string[] };

// next-auth's own handler answers the sign-in protocol; it has no ExoDesk role to check.
const NOT_OURS = new Set(["/api/auth/[...nextauth]", "/_not-found", "/_global-error"]);

type TReferenceManifest = {
  node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
};

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(process.cwd(), ".next", file), "utf8")) as T;
}

// "app/(portal)/mailboxes/[identity]/access/page" → "/mailboxes/[identity]/access"
function workerToPath(worker: string): string {
  const segments = worker.replace(/^app\//, "").split("/").slice(0, -1);
  return "/" + segments.filter((s) => !/^\(.*\)$/.test(s)).join("/");
}

export function readBuiltApp(): TBuiltApp {
  const references = readJson<TReferenceManifest>("server/server-reference-manifest.json");
  const actions = Object.entries(references.node).map(([id, entry]) => {
    if (!entry.filename || !entry.exportedName) throw new Error(`action ${id} has no module/export name in the manifest`);
    const worker = Object.keys(entry.workers).find((w) => w.endsWith("/page"));
    if (!worker) throw new Error(`action ${entry.filename}#${entry.exportedName} is used by no page`);
    return { id, key: `${entry.filename}#${entry.exportedName}`, page: workerToPath(worker) };
  });
  const appPaths = Object.values(readJson<Record<string, string>>("app-path-routes-manifest.json")).filter((p) => !NOT_OURS.has(p));
  const routes = Object.entries(readJson<Record<string, string>>("app-path-routes-manifest.json"))
    .filter(([entry, p]) => entry.endsWith("/route") && !NOT_OURS.has(p))
    .map(([, p]) => p);
  const pages = appPaths.filter((p) => !routes.includes(p));
  return { actions: actions.sort((a, b) => a.key.localeCompare(b.key)), routes: routes.sort(), pages: pages.sort() };
}

// A concrete URL for a route pattern; an unknown segment fails loudly so it gets a sample.
export function fillSegments(pattern: string, samples: Record<string, string>): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = samples[name];
    if (value === undefined) throw new Error(`no sample value for [${name}] in ${pattern}; add one to the access matrix`);
    return encodeURIComponent(value);
  });
}
