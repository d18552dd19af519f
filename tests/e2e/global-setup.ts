import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startStack } from "../../scripts/stack/start-stack";

// One emulator and one built portal (next start) on a fresh embedded database for the run.
export default async function globalSetup() {
  const root = mkdtempSync(path.join(os.tmpdir(), "exodesk-e2e-"));
  const stack = await startStack({
    portalPort: Number(process.env.E2E_PORTAL_PORT ?? 3210),
    emulatorPort: Number(process.env.E2E_EMULATOR_PORT ?? 4643),
    dataDir: path.join(root, "data"),
    emulatorStateDir: path.join(root, "emulator"),
    logDir: root,
  });
  process.env.E2E_EMULATOR_URL = stack.emulatorUrl;
  process.env.E2E_EMULATOR_CA = stack.caCertPath;
  process.env.E2E_RUN_DIR = root;
  process.env.E2E_DATA_DIR = path.join(root, "data", "pglite");
  return async () => {
    await stack.stop();
  };
}
