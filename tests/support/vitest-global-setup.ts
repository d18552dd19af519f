import { findPostgresBinDir, startPostgres } from "../integration/db/postgres-server";

// EXODESK_TEST_DB=postgres runs the suites against a real PostgreSQL server started here
// (initdb into a temporary directory, loopback only); every test file gets fresh databases on
// it through TEST_DATABASE_URL. Without it the suites use embedded PGlite databases.
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.EXODESK_TEST_DB !== "postgres") return undefined;
  const binDir = findPostgresBinDir();
  if (!binDir) throw new Error("EXODESK_TEST_DB=postgres needs PostgreSQL server binaries (Debian: postgresql-15) or PG_BIN_DIR");
  const server = await startPostgres(binDir);
  process.env.TEST_DATABASE_URL = server.url;
  console.log(`PostgreSQL tier: ${server.url} (${binDir})`);
  return () => server.stop();
}
