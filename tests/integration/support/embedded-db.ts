import { afterAll, beforeAll, vi } from "vitest";
import { closeDb } from "@/lib/db/client";
import { createPostgresTestDatabase } from "../db/test-db";

// The process's own database (what getDb() returns): a fresh, migrated database of its own on
// the run's PostgreSQL server, for tests of code that uses getDb() directly.
export function useMigratedEmbeddedDb(): void {
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const database = await createPostgresTestDatabase();
    drop = database.drop;
    vi.stubEnv("DATABASE_URL", database.url);
  }, 120_000);
  afterAll(async () => {
    await closeDb();
    await drop?.();
    vi.unstubAllEnvs();
  });
}
