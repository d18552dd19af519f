import { createHash } from "node:crypto";
import os from "node:os";
import { Worker } from "node:worker_threads";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { computeAuditHash, GENESIS_HASH } from "./write-audit";

export type TStoredEvent = {
  seq: bigint;
  id: string;
  at: Date;
  type: string;
  actorOid: string | null;
  actorUpn: string | null;
  actorName: string | null;
  actorRoles: string[];
  actorIp: string | null;
  actorUserAgent: string | null;
  requestId: string | null;
  targetMailbox: string | null;
  action: string | null;
  status: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
};

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

// The hash a stored row should have, recomputed from its columns exactly as written.
export function recomputeHash(e: TStoredEvent): string {
  // A system event was written with no actor; any actor column on it now is an alteration,
  // so it is hashed as an actor and will not match.
  const hasActor = Boolean(e.actorOid || e.actorUpn || e.actorName || e.actorRoles.length || e.actorIp || e.actorUserAgent);
  const actor = hasActor
    ? { oid: e.actorOid ?? "", upn: e.actorUpn ?? "", name: e.actorName ?? "", roles: e.actorRoles, ip: e.actorIp, userAgent: e.actorUserAgent }
    : null;
  return computeAuditHash({
    id: e.id,
    at: e.at,
    type: e.type,
    actor,
    subject: {
      requestId: e.requestId ?? undefined,
      targetMailbox: e.targetMailbox ?? undefined,
      action: e.action ?? undefined,
      status: e.status ?? undefined,
    },
    data: e.data,
    prevHash: e.prevHash,
  });
}

// One batch as a single JSON text (an array of row arrays), so neither Prisma nor the driver
// builds an object per row. `at` is formatted as Date.toISOString() would (the column is UTC
// timestamp(3)); `data` arrives as the stored JSON and is re-sorted by the verifier.
const BATCH_SQL = `
  SELECT count(*)::int AS n, max(seq)::text AS last,
         json_agg(json_build_array(seq::text, id::text, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), type,
                  "actorOid", "actorUpn", "actorName", "actorRoles", "actorIp", "actorUserAgent",
                  "requestId"::text, "targetMailbox", action, status, data, "prevHash", hash) ORDER BY seq)::text AS rows
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
// may use nothing from outside its own body. Builds each row's canonical JSON directly, in the
// key order toCanonicalJson gives computeAuditHash's object (tamper tests prove they agree).
function makeBatchVerifier() {
  const q = JSON.stringify;
  function canon(v: unknown): string {
    if (v === null || typeof v !== "object") return q(v);
    if (Array.isArray(v)) {
      let s = "[";
      for (let i = 0; i < v.length; i++) s += (i ? "," : "") + canon(v[i]);
      return s + "]";
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    let s = "{";
    for (let i = 0; i < keys.length; i++) s += (i ? "," : "") + q(keys[i]) + ":" + canon(o[keys[i]!]);
    return s + "}";
  }
  type TRow = [string, string, string, string, string | null, string | null, string | null, unknown[], string | null, string | null, string | null, string | null, string | null, string | null, unknown, string, string];
  return (text: string, hashOf: (s: string) => string): TBatchResult => {
    const rows = JSON.parse(text) as TRow[];
    const first = rows[0]!;
    let bad: TBatchResult["bad"] = null;
    for (let i = 0; i < rows.length; i++) {
      const [seq, id, at, type, oid, upn, name, roles, ip, ua, requestId, mailbox, action, status, data, prevHash, hash] = rows[i]!;
      // The first row's link is checked by the caller, against the previous batch.
      if (i > 0 && prevHash !== rows[i - 1]![16]) {
        bad = { index: i, seq, id, reason: "link" };
        break;
      }
      const actor = oid || upn || name || roles.length || ip || ua
        ? `{"ip":${q(ip)},"name":${q(name ?? "")},"oid":${q(oid ?? "")},"roles":${canon(roles)},"upn":${q(upn ?? "")},"userAgent":${q(ua)}}`
        : "null";
      const canonical = (action ? `{"action":${q(action)},"actor":` : `{"actor":`) + actor + `,"at":"${at}","data":${canon(data)},"id":${q(id)},"requestId":${q(requestId)},` +
        (status ? `"status":${q(status)},` : "") + `"targetMailbox":${q(mailbox)},"type":${q(type)}}`;
      if (hashOf(prevHash + canonical) !== hash) {
        bad = { index: i, seq, id, reason: "altered" };
        break;
      }
    }
    return { count: rows.length, firstPrev: first[15], firstSeq: first[0], firstId: first[1], lastHash: rows[rows.length - 1]![16], bad };
  };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

type TPool = { run(text: string): Promise<TBatchResult>; close(): Promise<void> };

function inThread(): TPool {
  const verify = makeBatchVerifier();
  return { run: async (text) => verify(text, sha256), close: async () => {} };
}

class WorkerFailure extends Error {}

// Workers are started from source text, not a file: the portal's bundle has no worker file to
// point at. __name is esbuild's keep-names helper, which tsx puts into function bodies.
function startPool(threads: number): TPool {
  const source = `const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
var __name = (f) => f;
const verify = (${makeBatchVerifier.toString()})();
const sha256 = (s) => createHash("sha256").update(s).digest("hex");
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
