import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack } from "../../scripts/stack/start-stack";
import { findPostgresBinDir, startPostgres, type PostgresServer } from "../integration/db/postgres-server";

// One emulator and one built portal (scripts/serve.ts) for the run, on a fresh embedded database,
// or with EXODESK_TEST_DB=postgres on a real PostgreSQL server started here.
export default async function globalSetup() {
  const root = mkdtempSync(path.join(os.tmpdir(), "exodesk-e2e-"));
  let postgres: PostgresServer | undefined;
  if (process.env.EXODESK_TEST_DB === "postgres") {
    const binDir = findPostgresBinDir();
    if (!binDir) throw new Error("EXODESK_TEST_DB=postgres needs PostgreSQL server binaries (Debian: postgresql-15) or PG_BIN_DIR");
    postgres = await startPostgres(binDir);
  }
  // A scraper's credential for /api/metrics; tokens-at-rest checks it never reaches a log.
  const metricsToken = randomBytes(32).toString("base64url");
  const stack = await startStack({
    portalPort: Number(process.env.E2E_PORTAL_PORT ?? 3210),
    emulatorPort: Number(process.env.E2E_EMULATOR_PORT ?? 4643),
    dataDir: path.join(root, "data"),
    emulatorStateDir: path.join(root, "emulator"),
    logDir: root,
    extraEnv: { EXODESK_METRICS_TOKEN: metricsToken, ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
  });
  process.env.E2E_EMULATOR_URL = stack.emulatorUrl;
  process.env.E2E_EMULATOR_CA = stack.caCertPath;
  process.env.E2E_RUN_DIR = root;
  process.env.E2E_METRICS_TOKEN = metricsToken;
  // Journeys that start portals of their own create their databases on this server.
  if (postgres) process.env.E2E_POSTGRES_URL = postgres.url;
  // Where the database keeps its files (the tokens-at-rest journey reads them raw).
  process.env.E2E_DATA_DIR = postgres ? postgres.dataDir : path.join(root, "data", "pglite");
  return async () => {
    await stack.stop();
    await postgres?.stop();
  };
}
