// The same migrations and audit trigger on a real PostgreSQL server, started
// by this file (initdb into a temporary directory, a free loopback port).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, getMigrationStatus, MigrationError } from "../../../scripts/db/migrations";
import { copyPrismaDir, expectAuditEventsAppendOnly, localMigrations, prismaDir, runDbCli } from "./helpers";
import { findPostgresBinDir, startPostgres, type PostgresServer } from "./postgres-server";
import { createTestDb } from "./test-db";
import { closeDb, describeDbTarget, getAdapterFactory, getDb } from "../../../lib/db";

const binDir = findPostgresBinDir();
const title = binDir
  ? `PostgreSQL (${binDir})`
  : "PostgreSQL — SKIPPED: no initdb/postgres binaries found (install Debian's postgresql-15 or set PG_BIN_DIR)";

describe.skipIf(!binDir)(title, { timeout: 60_000 }, () => {
  let server: PostgresServer;
  let counter = 0;

  beforeAll(async () => {
    server = await startPostgres(binDir!);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  }, 30_000);

  async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  }

  async function emptyDatabase(): Promise<string> {
    const name = `exodesk_mig_${process.pid}_${++counter}`;
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    return url.toString();
  }

  it("applies the migrations to a fresh database with the standard history", async () => {
    const url = await emptyDatabase();
    const factory = new PrismaPg({ connectionString: url });
    const expected = localMigrations();
    const result = await applyMigrations(factory, { prismaDir });
    expect(result).toEqual({ applied: expected.map((m) => m.name), edited: [] });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const history = await client.query<{ migration_name: string; checksum: string }>(
        `SELECT migration_name, checksum FROM "_prisma_migrations"
          WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      );
      expect(history.rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
      const triggers = await client.query<{ tgname: string }>(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY tgname`,
      );
      expect(triggers.rows.map((r) => r.tgname)).toEqual(["AuditEvent_append_only", "AuditEvent_no_truncate"]);
    } finally {
      await client.end();
    }

    expect(await getMigrationStatus(factory, { prismaDir })).toMatchObject({ upToDate: true });
    expect(await applyMigrations(factory, { prismaDir })).toEqual({ applied: [], edited: [] });
  });

  it("runs a failing migration as one transaction and reports it", async () => {
    const copy = copyPrismaDir();
    try {
      const broken = "29990101000000_broken";
      mkdirSync(path.join(copy.prismaDir, "migrations", broken));
      writeFileSync(
        path.join(copy.prismaDir, "migrations", broken, "migration.sql"),
        'CREATE TABLE "Half" (a int);\nSELECT * FROM "NoSuchTable";\n',
      );
      const url = await emptyDatabase();
      const failure = applyMigrations(new PrismaPg({ connectionString: url }), { prismaDir: copy.prismaDir });
      await expect(failure).rejects.toThrow(MigrationError);
      await expect(failure).rejects.toThrow(new RegExp(`^Migration ${broken} failed: .*NoSuchTable`));
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const half = await client.query(`SELECT to_regclass('"Half"')::text AS t`);
        expect(half.rows[0].t).toBeNull();
      } finally {
        await client.end();
      }
    } finally {
      copy.remove();
    }
  });

  it("npm run db:migrate and status work with DATABASE_URL", async () => {
    const url = await emptyDatabase();
    const migrate = await runDbCli(["migrate"], { env: { DATABASE_URL: url } });
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(migrate.code).toBe(0);
    const status = await runDbCli(["status"], { env: { DATABASE_URL: url } });
    expect(status.stdout).toContain("The database is up to date.");
    expect(status.code).toBe(0);
  });

  it("reports an unreachable server without a stack trace", async () => {
    const url = new URL(server.url);
    url.port = "1";
    const run = await runDbCli(["status"], { env: { DATABASE_URL: url.toString() } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Error: Cannot connect to the database: Can't reach database server at `127\.0\.0\.1:1`/);
    expect(run.stderr).not.toContain("    at ");
  });

  it("getDb() and getAdapterFactory() use DATABASE_URL", async () => {
    const url = await emptyDatabase();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      expect(describeDbTarget()).toBe(`PostgreSQL database "${new URL(url).pathname.slice(1)}" on 127.0.0.1:${server.port}`);
      expect((await applyMigrations(getAdapterFactory())).applied).toEqual(localMigrations().map((m) => m.name));
      await expectAuditEventsAppendOnly(getDb());
    } finally {
      await closeDb();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it("createTestDb clones a migrated template into a fresh database per call", async () => {
    const first = await createTestDb({ databaseUrl: server.url });
    const second = await createTestDb({ databaseUrl: server.url });
    try {
      expect(first.kind).toBe("postgres");
      await expectAuditEventsAppendOnly(first.db);
      expect(await second.db.auditEvent.count()).toBe(0);
      await expectAuditEventsAppendOnly(second.db);
    } finally {
      await first.close();
      await second.close();
    }
    const left = await admin((c) => c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'exodesk_test_%'`));
    expect(left.rows).toEqual([]);
  });
});
