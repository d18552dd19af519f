// A throw-away PostgreSQL database for a benchmark: the embedded server
// (scripts/db/embedded-postgres.ts) in a temporary directory, with fsync off as in the tests,
// removed by stop(). Servers of earlier benchmark runs killed before their stop are removed first.
import { EMBEDDED_DATABASE, ensureDatabase, startTemporaryPostgres } from "../../../scripts/db/embedded-postgres";

export async function startBenchDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startTemporaryPostgres("exodesk-bench-pg-");
  try {
    return { url: await ensureDatabase(server, EMBEDDED_DATABASE), stop: server.stop };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
