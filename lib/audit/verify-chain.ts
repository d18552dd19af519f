import { hash } from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { BATCH_ROW_SQL, GENESIS_HASH, makeBatchPlan, type TBatchPlan } from "./audit-row";

export type TChainReport =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; broken: { seq: bigint; id: string; reason: string } };

export type TVerifyOptions = {
  /** Worker threads that hash batches; 0 hashes in this thread. Default: one per core, for long chains. */
  threads?: number;
};

const REASONS = {
  link: "its link to the previous event does not match (an event before it was removed, inserted or changed)",
  altered: "its content does not match its hash (the row was altered)",
};

// One batch as a single JSON text (an array of row arrays, columns as AUDIT_COLUMNS lists them),
// so neither Prisma nor the driver builds an object per row.
const BATCH_SQL = `
  SELECT count(*)::int AS n, max(seq)::text AS last, json_agg(${BATCH_ROW_SQL} ORDER BY seq)::text AS rows
    FROM (SELECT * FROM "AuditEvent" WHERE seq > $1::bigint ORDER BY seq LIMIT $2) AS batch`;

type TBatch = { n: number; last: string | null; rows: string | null };
type TBatchResult = {
  count: number;
  firstPrev: string;
  firstSeq: string;
  firstId: string;
  lastHash: string;
  bad: { index: number; seq: string; id: string; reason: "link" | "altered" } | null;
};

// Self-contained on purpose: its source is also run in worker threads (see startPool), so it
// may use nothing from outside its own body and its plan (makeBatchPlan, from the column
// table). Builds each row's canonical JSON directly, in the key order toCanonicalJson gives
// toHashedObject's object (audit-row.property.test.ts proves they agree).
//
// The batch text is not parsed as a whole: most of it is strings (hashes, ids, names), and a
// JSON string without a backslash is already its own canonical form. Each row's values are
// cut out as JSON texts; only `data`, the roles and strings with escapes are parsed.
export function makeBatchVerifier(plan: TBatchPlan) {
  const q = JSON.stringify;
  function canon(v: unknown): string {
    if (v === null || typeof v !== "object") return q(v);
    if (Array.isArray(v)) {
      let s = "[";
      for (let i = 0; i < v.length; i++) s += (i ? "," : "") + canon(v[i]);
      return s + "]";
    }
    const o = v as Record<string, unknown>;
    // toCanonicalJson ends in JSON.stringify, which puts integer-like keys ("0", "17") first in
    // numeric order, as Object.keys already lists them; the other keys are sorted.
    let keys = Object.keys(o);
    let n = 0;
    while (n < keys.length && /^(?:0|[1-9]\d*)$/.test(keys[n]!) && Number(keys[n]) < 4294967295) n++;
    keys = n ? keys.slice(0, n).concat(keys.slice(n).sort()) : keys.sort();
    let s = "{";
    for (let i = 0; i < keys.length; i++) s += (i ? "," : "") + q(keys[i]) + ":" + canon(o[keys[i]!]);
    return s + "}";
  }
  // The JSON text of one value: its canonical form and its value.
  const isPlain = (raw: string) => raw.charCodeAt(0) === 34 && raw.indexOf("\\") < 0;
  const canonOf = (raw: string) => (isPlain(raw) || raw === "null" ? raw : canon(JSON.parse(raw)));
  const valueOf = (raw: string): unknown => (isPlain(raw) ? raw.slice(1, -1) : JSON.parse(raw));
  const str = (raw: string) => valueOf(raw) as string;

  function skipString(text: string, i: number): number {
    for (let j = i; ; ) {
      j = text.indexOf('"', j + 1);
      if (j < 0) throw new SyntaxError("Unterminated string in a batch of audit rows");
      let k = j - 1;
      while (text.charCodeAt(k) === 92) k--; // an even run of backslashes before it: it closes
      if ((j - 1 - k) % 2 === 0) return j + 1;
    }
  }
  // Where the JSON value starting at i ends.
  function skipValue(text: string, i: number): number {
    const c = text.charCodeAt(i);
    if (c === 34) return skipString(text, i);
    if (c === 91 || c === 123) {
      let depth = 0;
      for (let j = i; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 34) j = skipString(text, j) - 1;
        else if (d === 91 || d === 123) depth++;
        else if ((d === 93 || d === 125) && --depth === 0) return j + 1;
      }
      throw new SyntaxError("Unterminated value in a batch of audit rows");
    }
    let j = i;
    for (let d = c; j < text.length && d !== 44 && d !== 93 && d !== 125 && d > 32; d = text.charCodeAt(++j));
    return j;
  }
  const skipSpace = (text: string, i: number) => {
    while (text.charCodeAt(i) <= 32) i++;
    return i;
  };
  // As the actor's columns count: null, "" and [] are not set.
  const isEmpty = (raw: string) => raw === "null" || raw === '""' || (raw.charCodeAt(0) === 91 && raw.charCodeAt(skipSpace(raw, 1)) === 93);
  // The rows of an array of row arrays, each as its values' JSON texts.
  function splitRows(text: string): string[][] {
    const rows: string[][] = [];
    let i = skipSpace(text, 0);
    if (text.charCodeAt(i) !== 91) throw new SyntaxError("A batch of audit rows is not a JSON array");
    for (i = skipSpace(text, i + 1); text.charCodeAt(i) === 91; ) {
      const row: string[] = [];
      for (i = skipSpace(text, i + 1); text.charCodeAt(i) !== 93; ) {
        if (i >= text.length) throw new SyntaxError("A batch of audit rows ends inside a row");
        const end = skipValue(text, i);
        row.push(text.slice(i, end));
        i = skipSpace(text, end);
        if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
      }
      rows.push(row);
      i = skipSpace(text, i + 1);
      if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
    }
    if (text.charCodeAt(i) !== 93) throw new SyntaxError("A batch of audit rows is not an array of arrays");
    return rows;
  }
  function object(fields: TBatchPlan["fields"], row: string[]): string {
    let s = "";
    for (const f of fields) {
      if ("actor" in f) {
        let set = false;
        for (const a of f.actor) {
          if (!isEmpty(row[a.index]!)) set = true;
        }
        s += "," + f.prefix + (set ? object(f.actor, row) : "null");
        continue;
      }
      const raw = row[f.index]!;
      if (f.whenSet && (raw === "null" || raw === '""' || !valueOf(raw))) continue;
      s += "," + f.prefix + (raw === "null" ? q(f.emptyAs) : canonOf(raw));
    }
    return "{" + s.slice(1) + "}";
  }
  return (text: string, hashOf: (s: string) => string): TBatchResult => {
    const rows = splitRows(text);
    const first = rows[0]!;
    let bad: TBatchResult["bad"] = null;
    let prevHash = str(first[plan.prevHash]!);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const rowHash = str(row[plan.hash]!);
      // The first row's link is checked by the caller, against the previous batch.
      if (i > 0) {
        const link = str(row[plan.prevHash]!);
        if (link !== prevHash) {
          bad = { index: i, seq: str(row[plan.seq]!), id: str(row[plan.id]!), reason: "link" };
          break;
        }
      }
      if (hashOf(prevHash + object(plan.fields, row)) !== rowHash) {
        bad = { index: i, seq: str(row[plan.seq]!), id: str(row[plan.id]!), reason: "altered" };
        break;
      }
      prevHash = rowHash;
    }
    const last = rows[rows.length - 1]!;
    return { count: rows.length, firstPrev: str(first[plan.prevHash]!), firstSeq: str(first[plan.seq]!), firstId: str(first[plan.id]!), lastHash: str(last[plan.hash]!), bad };
  };
}

// One-shot hashing: a Hash object per row costs more than the hashing itself.
const sha256 = (s: string) => hash("sha256", s);

type TPool = { run(text: string): Promise<TBatchResult>; close(): Promise<void> };

const plan = makeBatchPlan();

function inThread(): TPool {
  const verify = makeBatchVerifier(plan);
  return { run: async (text) => verify(text, sha256), close: async () => {} };
}

class WorkerFailure extends Error {}

// Workers are started from source text, not a file: the portal's bundle has no worker file to
// point at. __name is esbuild's keep-names helper, which tsx puts into function bodies.
function startPool(threads: number): TPool {
  const source = `const { parentPort } = require("node:worker_threads");
const { hash } = require("node:crypto");
var __name = (f) => f;
const verify = (${makeBatchVerifier.toString()})(${JSON.stringify(plan)});
const sha256 = (s) => hash("sha256", s);
parentPort.on("message", ({ id, text }) => parentPort.postMessage({ id, result: verify(text, sha256) }));`;
  const waiting = new Map<number, { resolve(r: TBatchResult): void; reject(e: Error): void }>();
  const fail = (e: unknown) => {
    for (const w of waiting.values()) w.reject(new WorkerFailure(String(e)));
    waiting.clear();
  };
  const workers = Array.from({ length: threads }, () => {
    const w = new Worker(source, { eval: true });
    w.on("message", ({ id, result }: { id: number; result: TBatchResult }) => {
      waiting.get(id)?.resolve(result);
      waiting.delete(id);
    });
    w.on("error", fail);
    w.on("exit", (code) => code !== 0 && fail(`a verification worker exited with code ${code}`));
    return w;
  });
  let nextId = 0;
  return {
    run: (text) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        workers[id % workers.length]!.postMessage({ id, text });
      }),
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

// Reads batch k+1 while batches k-threads..k are hashed; results are taken in chain order.
async function walkChain(db: PrismaClient, batchSize: number, pool: TPool, depth: number): Promise<TChainReport> {
  const fetch = async (after: string) => (await db.$queryRawUnsafe<TBatch[]>(BATCH_SQL, after, batchSize))[0]!;
  const inFlight: Promise<TBatchResult>[] = [];
  let prev = GENESIS_HASH;
  let events = 0;
  const take = (r: TBatchResult): TChainReport | null => {
    if (r.firstPrev !== prev) return { ok: false, events, broken: { seq: BigInt(r.firstSeq), id: r.firstId, reason: REASONS.link } };
    if (r.bad) return { ok: false, events: events + r.bad.index, broken: { seq: BigInt(r.bad.seq), id: r.bad.id, reason: REASONS[r.bad.reason] } };
    prev = r.lastHash;
    events += r.count;
    return null;
  };
  let next: Promise<TBatch> | null = fetch("0");
  try {
    while (next) {
      const batch: TBatch = await next;
      next = batch.n === batchSize && batch.last ? fetch(batch.last) : null;
      if (batch.rows) inFlight.push(pool.run(batch.rows));
      while (inFlight.length > (next ? depth : 0)) {
        const report = take(await inFlight.shift()!);
        if (report) return report;
      }
    }
    return { ok: true, events, head: prev };
  } finally {
    await next?.catch(() => {}); // a query still running must finish before the database closes
    await Promise.allSettled(inFlight);
  }
}

// Walks the whole chain in order of appending, in keyset batches, and names the first event
// whose link or content does not match. Long chains are hashed on every core.
export async function verifyAuditChain(db: PrismaClient, batchSize = 10_000, options: TVerifyOptions = {}): Promise<TChainReport> {
  let threads = options.threads;
  if (threads === undefined) {
    const [span] = await db.$queryRawUnsafe<{ n: number | null }[]>(`SELECT LEAST(max(seq) - min(seq), 2000000000)::int AS n FROM "AuditEvent"`);
    threads = (span?.n ?? 0) > 4 * batchSize ? Math.min(4, os.availableParallelism()) : 0;
  }
  if (threads <= 0) return await walkChain(db, batchSize, inThread(), 1);
  const pool = startPool(threads);
  try {
    return await walkChain(db, batchSize, pool, threads + 1);
  } catch (e) {
    // A runtime where the worker source cannot run still gets an answer, only slower.
    if (e instanceof WorkerFailure) return await walkChain(db, batchSize, inThread(), 1);
    throw e;
  } finally {
    await pool.close();
  }
}
