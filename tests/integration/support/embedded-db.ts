import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, vi } from "vitest";
import { closeDb, getAdapterFactory } from "@/lib/db";
import { applyMigrations } from "../../../scripts/db/migrations";
import { createPostgresTestDatabase } from "../db/test-db";

// The process's own database (what getDb() returns), fresh and migrated, for tests of code
// that uses getDb() directly: embedded in a temporary directory, or, in the PostgreSQL tier
// (TEST_DATABASE_URL set by tests/support/vitest-global-setup.ts), a new database there.
export function useMigratedEmbeddedDb(): void {
  const server = process.env.TEST_DATABASE_URL;
  const dataDir = mkdtempSync(path.join(tmpdir(), "exodesk-it-"));
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (server) {
      const database = await createPostgresTestDatabase(server);
      drop = database.drop;
      vi.stubEnv("DATABASE_URL", database.url);
    } else {
      vi.stubEnv("EXODESK_DATA_DIR", path.join(dataDir, "pglite"));
      await applyMigrations(getAdapterFactory());
    }
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await drop?.();
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });
}
