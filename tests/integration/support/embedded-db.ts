import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { closeDb, getAdapterFactory } from "@/lib/db";
import { applyMigrations } from "../../../scripts/db/migrations";

// The process's own database (what getDb() returns), embedded in a fresh temporary directory
// and migrated, for tests of code that uses getDb() directly.
export function useMigratedEmbeddedDb(): void {
  const dataDir = mkdtempSync(path.join(tmpdir(), "exodesk-it-"));
  beforeAll(async () => {
    vi.stubEnv("EXODESK_DATA_DIR", path.join(dataDir, "pglite"));
    await applyMigrations(getAdapterFactory());
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
