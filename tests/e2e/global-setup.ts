import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FullConfig } from "@playwright/test";
import { startTemporaryPostgres } from "../../scripts/db/embedded-postgres";
import { startStack, type TStack } from "../../scripts/stack/start-stack";
import { createPostgresTestDatabase, prepareTemplate } from "../integration/db/test-db";
import { stackPorts, type TWorkerStack } from "./support/worker-stack";

// One embedded PostgreSQL server for the run, with the migrated template built once; then one
// emulator and one built portal (scripts/serve.ts) per worker, each on a database of its own.
// Journeys that start stacks of their own create their databases on the same server
// (E2E_POSTGRES_URL).
export default async function globalSetup(config: FullConfig) {
  const root = mkdtempSync(path.join(os.tmpdir(), "exodesk-e2e-"));
  const postgres = await startTemporaryPostgres("exodesk-pg-");
  // A scraper's credential for /api/metrics; tokens-at-rest checks it never reaches a log.
  const metricsToken = randomBytes(32).toString("base64url");
  const stackDir = (index: number) => path.join(root, `stack-${index}`);
  const startWorkerStack = async (index: number): Promise<TStack> => {
    mkdirSync(stackDir(index));
    return await startStack({
      portalPort: stackPorts(index).portal,
      emulatorPort: stackPorts(index).emulator,
      dataDir: path.join(stackDir(index), "data"),
      databaseUrl: (await createPostgresTestDatabase(postgres.url())).url,
      emulatorStateDir: path.join(stackDir(index), "emulator"),
      logDir: stackDir(index),
      // Every journey of a worker signs in from 127.0.0.1, mostly as the same few people, one
      // after another: far more sign-ins and changes a minute than an office makes, so the limits
      // (tested on portals of their own: rate-limits.spec.ts) must not cut them off.
      extraEnv: { EXODESK_METRICS_TOKEN: metricsToken, EXODESK_SIGNIN_LIMIT_PER_IP: "100000", EXODESK_CHANGES_PER_MINUTE: "100000" },
    });
  };

  // One stack per worker (tests/e2e/support/worker-stack.ts), started side by side.
  let stacks: TStack[] = [];
  const stop = async () => {
    await Promise.all(stacks.map((s) => s.stop()));
    await postgres.stop();
  };
  try {
    await prepareTemplate(postgres.url());
    const started = await Promise.allSettled(Array.from({ length: config.workers }, (_, i) => startWorkerStack(i)));
    stacks = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    const failed = started.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const listed: TWorkerStack[] = stacks.map((s, i) => ({
    portalUrl: s.portalUrl,
    emulatorUrl: s.emulatorUrl,
    caPath: s.caCertPath,
    dir: stackDir(i),
    databaseUrl: s.portalEnv.DATABASE_URL!,
    // Where the database keeps its files (the tokens-at-rest journey reads them raw).
    dataDir: postgres.dataDir,
  }));
  process.env.E2E_STACKS = JSON.stringify(listed);
  process.env.E2E_RUN_DIR = root;
  process.env.E2E_METRICS_TOKEN = metricsToken;
  process.env.E2E_POSTGRES_URL = postgres.url();
  return stop;
}
