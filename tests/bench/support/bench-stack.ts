// The stack a browser benchmark measures: emulator and built portal (scripts/stack/start-stack.ts)
// on a throw-away embedded PostgreSQL, in a temporary directory removed afterwards, and the
// Chromium that plays the person.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { startStack, type TStack } from "../../../scripts/stack/start-stack";
import { startBenchDatabase } from "./bench-database";

// `env`: the portal's environment beyond the defaults (settings of lib/env/settings.ts, a profiler).
export async function withBenchStack<T>(name: string, ports: { portal: number; emulator: number }, run: (stack: TStack, dataDir: string) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  const root = mkdtempSync(path.join(os.tmpdir(), `exodesk-bench-${name}-`));
  const database = await startBenchDatabase();
  try {
    const dataDir = path.join(root, "data");
    const stack = await startStack({
      portalPort: ports.portal, emulatorPort: ports.emulator, dataDir, databaseUrl: database.url,
      emulatorStateDir: path.join(root, "emulator"), logDir: root, extraEnv: { LOG_LEVEL: "warn", ...env },
    });
    try {
      return await run(stack, dataDir);
    } finally {
      await stack.stop();
    }
  } finally {
    await database.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
