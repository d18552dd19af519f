// A throw-away PostgreSQL database for a benchmark: the embedded server
// (scripts/db/embedded-postgres.ts) in a temporary directory, with fsync off as in the tests,
// removed by stop(). Servers of earlier benchmark runs killed before their stop are removed first.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EMBEDDED_DATABASE, ensureDatabase, removeAbandonedServers, startEmbeddedPostgres } from "../../../scripts/db/embedded-postgres";

const PREFIX = "exodesk-bench-pg-";

export async function startBenchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  await removeAbandonedServers(tmpdir(), PREFIX);
  const server = await startEmbeddedPostgres(mkdtempSync(path.join(tmpdir(), PREFIX)), { temporary: true });
  try {
    return { url: await ensureDatabase(server, EMBEDDED_DATABASE), stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
