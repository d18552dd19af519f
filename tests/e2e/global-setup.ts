import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startStack, type TStack } from "../../scripts/stack/start-stack";
import { findPostgresBinDir, startPostgres, type PostgresServer } from "../integration/db/postgres-server";
import { createDatabase } from "./support/own-database";
import { stackPorts, type TWorkerStack } from "./support/worker-stack";

// One emulator and one built portal (scripts/serve.ts) per worker, each on a fresh embedded
// database, or with EXODESK_TEST_DB=postgres on a database of its own on a real PostgreSQL
// server started here.
export default async function globalSetup(config: FullConfig) {
  const root = mkdtempSync(path.join(os.tmpdir(), "exodesk-e2e-"));
  let postgres: PostgresServer | undefined;
  if (process.env.EXODESK_TEST_DB === "postgres") {
    const binDir = findPostgresBinDir();
    if (!binDir) throw new Error("EXODESK_TEST_DB=postgres needs PostgreSQL server binaries (Debian: postgresql-15) or PG_BIN_DIR");
    postgres = await startPostgres(binDir);
  }
  // A scraper's credential for /api/metrics; tokens-at-rest checks it never reaches a log.
  const metricsToken = randomBytes(32).toString("base64url");
  const stackDir = (index: number) => path.join(root, `stack-${index}`);
  const startWorkerStack = async (index: number): Promise<TStack> => {
    mkdirSync(stackDir(index));
    return await startStack({
      portalPort: stackPorts(index).portal,
      emulatorPort: stackPorts(index).emulator,
      dataDir: path.join(stackDir(index), "data"),
      emulatorStateDir: path.join(stackDir(index), "emulator"),
      logDir: stackDir(index),
      extraEnv: { EXODESK_METRICS_TOKEN: metricsToken, ...(postgres ? { DATABASE_URL: await createDatabase(postgres.url, `exodesk_stack${index}`) } : {}) },
    });
  };

  // One stack per worker (tests/e2e/support/worker-stack.ts), started side by side.
  const started = await Promise.allSettled(Array.from({ length: config.workers }, (_, i) => startWorkerStack(i)));
  const stacks = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const stop = async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    await postgres?.stop();
  };
  const failed = started.find((s) => s.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const listed: TWorkerStack[] = stacks.map((s, i) => ({
    portalUrl: s.portalUrl,
    emulatorUrl: s.emulatorUrl,
    caPath: s.caCertPath,
    dir: stackDir(i),
    // Where the database keeps its files (the tokens-at-rest journey reads them raw).
    dataDir: postgres ? postgres.dataDir : path.join(stackDir(i), "data", "pglite"),
  }));
  process.env.E2E_STACKS = JSON.stringify(listed);
  process.env.E2E_RUN_DIR = root;
  process.env.E2E_METRICS_TOKEN = metricsToken;
  // Journeys that start portals of their own create their databases on this server.
  if (postgres) process.env.E2E_POSTGRES_URL = postgres.url;
  return stop;
}
