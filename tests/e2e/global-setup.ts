import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { removeAbandonedServers, startEmbeddedPostgres } from "../../scripts/db/embedded-postgres";
import { startStack } from "../../scripts/stack/start-stack";
import { createPostgresTestDatabase, prepareTemplate } from "../integration/db/test-db";

// One embedded PostgreSQL server for the run, with the migrated template built once; one emulator
// and one built portal (scripts/serve.ts) on a database of their own. Journeys that start stacks
// of their own create their databases on the same server (E2E_POSTGRES_URL).
export default async function globalSetup() {
  const root = mkdtempSync(path.join(os.tmpdir(), "exodesk-e2e-"));
  await removeAbandonedServers(os.tmpdir(), "exodesk-pg-");
  const postgres = await startEmbeddedPostgres(mkdtempSync(path.join(os.tmpdir(), "exodesk-pg-")), { temporary: true });
  try {
    await prepareTemplate(postgres.url());
    // A scraper's credential for /api/metrics; tokens-at-rest checks it never reaches a log.
    const metricsToken = randomBytes(32).toString("base64url");
    const stack = await startStack({
      portalPort: Number(process.env.E2E_PORTAL_PORT ?? 3210),
      emulatorPort: Number(process.env.E2E_EMULATOR_PORT ?? 4643),
      dataDir: path.join(root, "data"),
      databaseUrl: (await createPostgresTestDatabase(postgres.url())).url,
      emulatorStateDir: path.join(root, "emulator"),
      logDir: root,
      extraEnv: { EXODESK_METRICS_TOKEN: metricsToken },
    });
    process.env.E2E_EMULATOR_URL = stack.emulatorUrl;
    process.env.E2E_EMULATOR_CA = stack.caCertPath;
    process.env.E2E_RUN_DIR = root;
    process.env.E2E_METRICS_TOKEN = metricsToken;
    process.env.E2E_POSTGRES_URL = postgres.url();
    // Where the database keeps its files (the tokens-at-rest journey reads them raw).
    process.env.E2E_DATA_DIR = postgres.dataDir;
    return async () => {
      await stack.stop();
      await postgres.stop();
    };
  } catch (error) {
    await postgres.stop();
    throw error;
  }
}
