// One OS process of the two-process concurrency test (concurrent-writers.test.ts).
//   DATABASE_URL=postgres://… tsx append-worker.ts <label> <writers> <perWriter> <goFile>
// Opens the portal's own client (lib/db getDb()), fills its connection pool, prints READY,
// waits until <goFile> exists (the barrier, so both processes start appending at the same
// moment), appends, then prints one JSON summary line.
import { existsSync } from "node:fs";
import { closeDb, getDb } from "../../../../lib/db/client";
import { appendConcurrently } from "./concurrent-append";

const [label, writers, perWriter, goFile] = process.argv.slice(2);
if (!label || !writers || !perWriter || !goFile || !process.env.DATABASE_URL) {
  console.error("usage: DATABASE_URL=… tsx append-worker.ts <label> <writers> <perWriter> <goFile>");
  process.exit(2);
}

try {
  const db = getDb();
  // Hold one connection per writer at the same time: proves the pool getDb() configures is big
  // enough that the writers really run in parallel, and opens the connections before the barrier.
  const pids = await Promise.all(
    Array.from({ length: Number(writers) }, () =>
      db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid FROM pg_sleep(0.2)`.then((r) => r[0]!.pid),
    ),
  );
  console.log("READY");
  while (!existsSync(goFile)) await new Promise((r) => setTimeout(r, 2));
  const startedAt = Date.now();
  const written = await appendConcurrently(db, { label, writers: Number(writers), perWriter: Number(perWriter) });
  console.log(JSON.stringify({ label, written, connections: new Set(pids).size, startedAt, finishedAt: Date.now() }));
} catch (e) {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
} finally {
  await closeDb();
}
