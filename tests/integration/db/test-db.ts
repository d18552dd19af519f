// Fresh, fully migrated databases for integration tests, on the run's PostgreSQL server
// (TEST_DATABASE_URL, started by tests/support/vitest-global-setup.ts): a new database per call,
// created from a migrated template database with CREATE DATABASE … TEMPLATE (about 80 ms), and
// dropped by close().
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { PrismaClient } from "../../../lib/generated/prisma/client";
import { applyMigrations } from "../../../scripts/db/migrations";

export type TestDb = {
  db: PrismaClient;
  /** Its URL, for code under test that opens the database itself. */
  url: string;
  /** Disconnects and drops the database. */
  close(): Promise<void>;
};

/** The run's server (a URL to a database whose user may CREATE DATABASE). */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with vitest (its global setup starts PostgreSQL)");
  return url;
}

const prismaDir = fileURLToPath(new URL("../../../prisma", import.meta.url));

const postgresTemplates = new Map<string, Promise<string>>();

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Template name from the migrations' content, so a changed history gets a new template. */
function templateName(): string {
  const hash = createHash("sha256");
  const migrationsDir = path.join(prismaDir, "migrations");
  for (const name of readdirSync(migrationsDir).sort()) {
    if (!/^\d{14}_/.test(name)) continue;
    hash.update(name).update("\0").update(readFileSync(path.join(migrationsDir, name, "migration.sql")));
  }
  return `exodesk_tpl_${hash.digest("hex").slice(0, 16)}`;
}

async function withAdmin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Retries while the server still sees a just-closed connection to the source database. */
async function retryWhileInUse<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Drops a test database once its connections have closed (a pool that is ending still holds them
 * for a moment; killing them with FORCE makes it throw in whatever test is running), forcing it
 * only if they stay open.
 */
async function dropDatabase(url: string, database: string): Promise<void> {
  await withAdmin(url, async (c) => {
    try {
      await retryWhileInUse(() => c.query(`DROP DATABASE IF EXISTS "${database}"`));
    } catch (error) {
      if ((error as { code?: string }).code !== "55006") throw error;
      await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  });
}

async function ensurePostgresTemplate(url: string): Promise<string> {
  const name = templateName();
  const exists = await withAdmin(url, async (c) => {
    const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    return r.rowCount === 1;
  });
  if (exists) return name;
  // Built under a temporary name and renamed when complete, so a template that
  // exists is always fully migrated, even with several test processes racing.
  const building = `${name}_build_${randomBytes(4).toString("hex")}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE "${building}"`));
  try {
    await applyMigrations(new PrismaPg({ connectionString: withDatabase(url, building) }), { prismaDir });
    await withAdmin(url, async (c) => {
      await retryWhileInUse(() => c.query(`ALTER DATABASE "${building}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
      await retryWhileInUse(() => c.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
    });
  } catch (error) {
    await withAdmin(url, (c) => c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`)).catch(() => {});
    if ((error as { code?: string }).code !== "42P04") throw error; // another process won the race
  }
  return name;
}

/** Builds the migrated template on the server at `url` unless it is there (the run's global setup). */
export async function prepareTemplate(url: string): Promise<void> {
  await ensurePostgresTemplate(url);
}

/** A fresh, migrated database on the server at `url` (default: the run's): its URL, and how to drop it. */
export async function createPostgresTestDatabase(url = testServerUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  let template = postgresTemplates.get(url);
  if (!template) {
    template = ensurePostgresTemplate(url);
    postgresTemplates.set(url, template);
    template.catch(() => postgresTemplates.delete(url));
  }
  const source = await template;
  const database = `exodesk_test_${randomBytes(6).toString("hex")}`;
  await withAdmin(url, (c) => retryWhileInUse(() => c.query(`CREATE DATABASE "${database}" TEMPLATE "${source}"`)));
  return {
    url: withDatabase(url, database),
    drop: () => dropDatabase(url, database),
  };
}

/** An empty database (no migrations) on the run's server: its URL, and how to drop it. */
export async function createEmptyDatabase(url = testServerUrl()): Promise<{ url: string; drop(): Promise<void> }> {
  const database = `exodesk_empty_${randomBytes(6).toString("hex")}`;
  await withAdmin(url, (c) => c.query(`CREATE DATABASE "${database}"`));
  return {
    url: withDatabase(url, database),
    drop: () => dropDatabase(url, database),
  };
}

/**
 * A fresh database with every migration in prisma/migrations applied.
 * Call close() when done (afterEach/afterAll).
 */
export async function createTestDb(): Promise<TestDb> {
  const database = await createPostgresTestDatabase(testServerUrl());
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  return {
    db,
    url: database.url,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

/** A fresh database for the enclosing describe block: created before its tests, dropped after. */
export function useTestDb(): () => TestDb {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await createTestDb();
  }, 120_000);
  afterAll(async () => {
    await testDb?.close();
  });
  return () => {
    if (!testDb) throw new Error("useTestDb(): the database is only there inside the block's tests");
    return testDb;
  };
}
