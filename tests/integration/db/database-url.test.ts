// The portal, its scripts and the test harness on DATABASE_URL, on the run's PostgreSQL server.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "../../../scripts/db/migrations";
import { closeDb, describeDatabase, getAdapterFactory, getDb } from "../../../lib/db/client";
import { expectAuditEventsAppendOnly, localMigrations, runDbCli } from "./helpers";
import { createEmptyDatabase, createTestDb, testServerUrl } from "./test-db";

describe("DATABASE_URL", { timeout: 60_000 }, () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(() => Promise.all(drops.map((drop) => drop())));
  async function empty() {
    const database = await createEmptyDatabase();
    drops.push(database.drop);
    return database;
  }

  it("npm run db:migrate and status work with DATABASE_URL", async () => {
    const { url } = await empty();
    const migrate = await runDbCli(["migrate"], { env: { DATABASE_URL: url } });
    expect(migrate.stderr).toBe("");
    expect(migrate.stdout).toMatch(/Applied \d+ migration\(s\)/);
    expect(migrate.code).toBe(0);
    const status = await runDbCli(["status"], { env: { DATABASE_URL: url } });
    expect(status.stdout).toContain("The database is up to date.");
    expect(status.code).toBe(0);
  });

  it("reports an unreachable server without a stack trace", async () => {
    const url = new URL(testServerUrl());
    url.port = "1";
    const run = await runDbCli(["status"], { env: { DATABASE_URL: url.toString() } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^Error: Cannot connect to the database: Can't reach database server at `127\.0\.0\.1:1`/);
    expect(run.stderr).not.toContain("    at ");
  });

  it("getDb() and getAdapterFactory() use DATABASE_URL", async () => {
    const { url } = await empty();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      expect(describeDatabase()).toBe(`PostgreSQL database "${new URL(url).pathname.slice(1)}" on ${new URL(url).host}`);
      expect((await applyMigrations(getAdapterFactory())).applied).toEqual(localMigrations().map((m) => m.name));
      await expectAuditEventsAppendOnly(getDb());
    } finally {
      await closeDb();
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it("createTestDb clones a migrated template into a fresh database per call, and close() drops it", async () => {
    const first = await createTestDb();
    const second = await createTestDb();
    const names = [first.url, second.url].map((url) => new URL(url).pathname.slice(1));
    try {
      await expectAuditEventsAppendOnly(first.db);
      expect(await second.db.auditEvent.count()).toBe(0);
      await expectAuditEventsAppendOnly(second.db);
    } finally {
      await first.close();
      await second.close();
    }
    const admin = new pg.Client({ connectionString: testServerUrl() });
    await admin.connect();
    try {
      const left = await admin.query("SELECT datname FROM pg_database WHERE datname = ANY($1)", [names]);
      expect(left.rows).toEqual([]);
    } finally {
      await admin.end();
    }
  });
});
