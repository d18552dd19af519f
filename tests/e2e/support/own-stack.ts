import { mkdtempSync } from "node:fs";
import path from "node:path";
import { startStack, type TStack } from "../../../scripts/stack/start-stack";
import { createPostgresTestDatabase } from "../../integration/db/test-db";
import { freePortOfWorker } from "./worker-stack";

// A portal and emulator of a journey's own (it kills, restarts or reconfigures them), on a
// database of its own on the run's PostgreSQL server, with its logs under the run's directory so
// the tokens-at-rest scan reads them too. `hostname`: where the portal listens ("::" takes both
// 127.0.0.1 and ::1).
export async function startOwnStack(name: string, extraEnv: Record<string, string> = {}, options: { hostname?: string } = {}): Promise<TStack> {
  const root = mkdtempSync(path.join(process.env.E2E_RUN_DIR ?? "/tmp", `${name}-`));
  const server = process.env.E2E_POSTGRES_URL;
  if (!server) throw new Error("the e2e global setup started no PostgreSQL server");
  const database = await createPostgresTestDatabase(server);
  return await startStack({
    portalPort: await freePortOfWorker(),
    emulatorPort: await freePortOfWorker(),
    dataDir: path.join(root, "data"),
    databaseUrl: database.url,
    emulatorStateDir: path.join(root, "emulator"),
    logDir: root,
    extraEnv,
    hostname: options.hostname,
  });
}
