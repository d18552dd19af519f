// Acceptance: concurrent appends produce one unbroken chain. writeAudit serialises appends with
// a transaction-scoped advisory lock; without it, two writers could read the same last hash and
// fork the chain (two events with one prevHash), which verifyAuditChain would then report.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import { GENESIS_HASH } from "@/lib/audit/audit-row";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { useTestDb } from "../db/test-db";
import { runTsx, type TRun } from "./support/audit-fixtures";
import { appendConcurrently, type TAppendMark } from "./support/concurrent-append";

const WRITERS_PER_PROCESS = 10;
const EVENTS_PER_WRITER = 5;
const worker = fileURLToPath(new URL("./support/append-worker.ts", import.meta.url));

/** Asserts the table holds exactly `expected` events forming one linear chain, and returns who wrote them in seq order. */
async function expectOneUnbrokenChain(db: PrismaClient, expected: number): Promise<TAppendMark[]> {
  const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  expect(rows).toHaveLength(expected);
  expect(await verifyAuditChain(db)).toEqual({ ok: true, events: expected, head: rows.at(-1)!.hash });
  // seq order is link order: each event points at the one appended just before it …
  rows.forEach((row, i) => expect(row.prevHash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash));
  // … so no two events share a predecessor (no fork), and none was lost or written twice.
  expect(new Set(rows.map((r) => r.prevHash)).size).toBe(expected);
  const marks = rows.map((r) => (r.data as { parameters: TAppendMark }).parameters);
  expect(new Set(marks.map((m) => `${m.label}/${m.writer}/${m.i}`)).size).toBe(expected);
  return marks;
}

/** How many times consecutive events switch between writers of different labels (processes). */
function switches(marks: TAppendMark[]): number {
  return marks.filter((m, i) => i > 0 && m.label !== marks[i - 1]!.label).length;
}

describe("two OS processes", { timeout: 120_000 }, () => {
  const testDb = useTestDb();
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(tmpdir(), "exodesk-audit-race-"));
  });
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it(`${2 * WRITERS_PER_PROCESS} writers across two processes, started at one moment, make one chain`, async () => {
    const url = testDb().url;
    const goFile = path.join(scratch, "go");
    // Each worker prints READY once its pool holds a connection per writer; the go file is the
    // barrier, created only when both are ready, so their appends overlap.
    let ready = 0;
    let release!: () => void;
    const bothReady = new Promise<void>((r) => (release = r));
    const start = (label: string): Promise<TRun> => {
      let seen = false;
      return runTsx(worker, [label, String(WRITERS_PER_PROCESS), String(EVENTS_PER_WRITER), goFile], { env: { DATABASE_URL: url }, onStdout: (out) => {
        if (!seen && out.includes("READY")) {
          seen = true;
          if (++ready === 2) release();
        }
      } });
    };
    const runs = Promise.all([start("A"), start("B")]);
    await Promise.race([bothReady, runs]); // a worker that dies before READY ends the wait
    writeFileSync(goFile, "");
    const results = await runs;

    const summaries = results.map((run) => {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { written: number; connections: number; startedAt: number; finishedAt: number };
    });
    for (const s of summaries) {
      expect(s.written).toBe(WRITERS_PER_PROCESS * EVENTS_PER_WRITER);
      // getDb()'s pool lets all of a process's writers hold a connection at once.
      expect(s.connections).toBe(WRITERS_PER_PROCESS);
    }
    const [a, b] = summaries as [(typeof summaries)[0], (typeof summaries)[0]];
    expect(a.startedAt).toBeLessThan(b.finishedAt); // the two processes' appending overlapped in time
    expect(b.startedAt).toBeLessThan(a.finishedAt);

    const marks = await expectOneUnbrokenChain(testDb().db, 2 * WRITERS_PER_PROCESS * EVENTS_PER_WRITER);
    // The processes really contended for the chain: their events interleave.
    expect(switches(marks)).toBeGreaterThan(1);
  });
});

// The many requests of one server process share its connection pool: their appends must make
// one chain too.
describe("one process", { timeout: 120_000 }, () => {
  const testDb = useTestDb();

  it(`${2 * WRITERS_PER_PROCESS} concurrent writers in one process make one chain`, async () => {
    const written = await Promise.all([
      appendConcurrently(testDb().db, { label: "A", writers: WRITERS_PER_PROCESS, perWriter: EVENTS_PER_WRITER }),
      appendConcurrently(testDb().db, { label: "B", writers: WRITERS_PER_PROCESS, perWriter: EVENTS_PER_WRITER }),
    ]);
    const marks = await expectOneUnbrokenChain(testDb().db, written[0] + written[1]);
    expect(new Set(marks.map((m) => `${m.label}/${m.writer}`)).size).toBe(2 * WRITERS_PER_PROCESS);
  });
});

// After its first event a transaction appends without asking for the lock and the head again.
describe("several events a transaction", { timeout: 120_000 }, () => {
  const testDb = useTestDb();

  it("concurrent writers appending three events a transaction make one chain, each transaction's events side by side", async () => {
    const written = await Promise.all(["A", "B"].map((label) => appendConcurrently(testDb().db, { label, writers: WRITERS_PER_PROCESS, perWriter: 6, perTransaction: 3 })));
    const marks = await expectOneUnbrokenChain(testDb().db, written[0]! + written[1]!);
    marks.forEach((m, i) => {
      if (m.i % 3 !== 0) expect(marks[i - 1]).toEqual({ ...m, i: m.i - 1 });
    });
  });
});
