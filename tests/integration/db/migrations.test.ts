// Creating and applying migrations offline, on empty databases of the run's PostgreSQL server.
// Schema changes are made on temporary copies of prisma/, never on the real one.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  getMigrationStatus,
  markMigrationRolledBack,
  MigrationError,
} from "../../../scripts/db/migrations";
import { createMigration } from "../../../scripts/db/create-migration";
import { copyPrismaDir, localMigrations, prismaDir, runDbCli } from "./helpers";
import { createEmptyDatabase } from "./test-db";

const PROBE_MODEL = `
model MigrationProbe {
  id        String   @id @default(uuid()) @db.Uuid
  action    String   @unique
  approvers Int      @default(1)
  updatedAt DateTime @updatedAt
}
`;

const open: { close(): Promise<void> }[] = [];
/** An empty database: a pool for checking it, and the adapter the migrations run through. */
async function freshDatabase(): Promise<{ db: pg.Pool; factory: PrismaPg }> {
  const database = await createEmptyDatabase();
  const db = new pg.Pool({ connectionString: database.url });
  open.push({ close: async () => {
    await db.end();
    await database.drop();
  } });
  return { db, factory: new PrismaPg({ connectionString: database.url }) };
}
const copies: { remove(): void }[] = [];
function tempPrisma() {
  const copy = copyPrismaDir();
  copies.push(copy);
  return copy;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});
afterAll(() => copies.forEach((copy) => copy.remove()));

describe("migrations", { timeout: 120_000 }, () => {
  it("apply to a fresh database, recording Prisma's standard _prisma_migrations history", async () => {
    const { db, factory } = await freshDatabase();
    const expected = localMigrations();
    expect(expected[0]?.name).toMatch(/^\d{14}_init$/);
    expect(expected.map((m) => m.name)).toContainEqual(expect.stringMatching(/^\d{14}_audit_append_only$/));

    const before = await getMigrationStatus(factory, { prismaDir });
    expect(before).toMatchObject({ upToDate: false, hasMigrationsTable: false, unapplied: expected.map((m) => m.name) });

    const applying: string[] = [];
    const result = await applyMigrations(factory, { prismaDir, onApplying: (name) => applying.push(name) });
    expect(result).toEqual({ applied: expected.map((m) => m.name), edited: [] });
    expect(applying).toEqual(result.applied);

    const history = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(history.rows.map((r) => ({ name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
    for (const row of history.rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }

    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["AuditEvent", "Request", "TokenCache", "_prisma_migrations"]),
    );
    const triggers = await db.query<{ tgname: string }>(
      `SELECT tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass AND NOT tgisinternal ORDER BY tgname`,
    );
    expect(triggers.rows.map((r) => r.tgname)).toEqual(["AuditEvent_append_only", "AuditEvent_no_truncate"]);

    expect(await getMigrationStatus(factory, { prismaDir })).toMatchObject({ upToDate: true, unapplied: [] });
    expect(await applyMigrations(factory, { prismaDir })).toEqual({ applied: [], edited: [] });
  });

  it("db:new on the unchanged schema says so and writes nothing", async () => {
    const copy = tempPrisma();
    const before = readdirSync(path.join(copy.prismaDir, "migrations")).sort();
    const run = await runDbCli(["new", "nothing_to_do"], { cwd: copy.root });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("nothing to change, no migration written");
    expect(run.code).toBe(0);
    expect(readdirSync(path.join(copy.prismaDir, "migrations")).sort()).toEqual(before);
  });

  it("db:new after a schema change writes a new migration that applies cleanly", async () => {
    const copy = tempPrisma();
    appendFileSync(path.join(copy.prismaDir, "schema.prisma"), PROBE_MODEL);
    const before = localMigrations(copy.prismaDir).map((m) => m.name);

    const run = await runDbCli(["new", "add approval policy"], { cwd: copy.root });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const after = localMigrations(copy.prismaDir).map((m) => m.name);
    expect(after.slice(0, -1)).toEqual(before);
    const created = after.at(-1)!;
    expect(created).toMatch(/^\d{14}_add_approval_policy$/);
    expect(created > before.at(-1)!).toBe(true);
    expect(run.stdout).toContain(path.join("migrations", created, "migration.sql"));
    const sql = readFileSync(path.join(copy.prismaDir, "migrations", created, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "MigrationProbe"');
    expect(sql).toContain('CREATE UNIQUE INDEX "MigrationProbe_action_key"');
    expect(sql).not.toContain("AuditEvent"); // triggers and functions are not schema drift

    const { db, factory } = await freshDatabase();
    const result = await applyMigrations(factory, { prismaDir: copy.prismaDir });
    expect(result.applied).toEqual(after);
    await db.query(`INSERT INTO "MigrationProbe" (id, action, "updatedAt") VALUES (gen_random_uuid(), 'x', now())`);

    // Now in step again: nothing more to write.
    expect(await createMigration("again", { prismaDir: copy.prismaDir })).toBeNull();
  });

  it("names new migrations after the newest existing one, even with a clock behind", async () => {
    const copy = tempPrisma();
    appendFileSync(path.join(copy.prismaDir, "schema.prisma"), PROBE_MODEL);
    const created = await createMigration("policy", {
      prismaDir: copy.prismaDir,
      now: new Date("2001-01-01T00:00:00Z"),
    });
    const newestBefore = localMigrations().at(-1)!.name;
    expect(created).not.toBeNull();
    expect(created!.name.slice(0, 14) > newestBefore.slice(0, 14)).toBe(true);
    await expect(createMigration("  !!  ", { prismaDir: copy.prismaDir })).rejects.toThrow(MigrationError);
  });

  it("reports a failing migration clearly, keeps nothing of it, and retries it once marked rolled back", async () => {
    const copy = tempPrisma();
    const broken = "29990101000000_broken";
    mkdirSync(path.join(copy.prismaDir, "migrations", broken));
    const file = path.join(copy.prismaDir, "migrations", broken, "migration.sql");
    writeFileSync(file, 'CREATE TABLE "Half" (a int);\nSELECT * FROM "NoSuchTable";\n');
    const { db, factory } = await freshDatabase();

    const failure = applyMigrations(factory, { prismaDir: copy.prismaDir });
    await expect(failure).rejects.toThrow(MigrationError);
    await expect(failure).rejects.toThrow(
      new RegExp(`^Migration ${broken} failed: .*NoSuchTable.*mark-rolled-back ${broken}`),
    );
    const half = await db.query<{ t: string | null }>(`SELECT to_regclass('"Half"')::text AS t`);
    expect(half.rows[0]?.t).toBeNull(); // the file ran as one transaction

    const status = await getMigrationStatus(factory, { prismaDir: copy.prismaDir });
    expect(status).toMatchObject({ upToDate: false, failed: [broken] });
    await expect(applyMigrations(factory, { prismaDir: copy.prismaDir })).rejects.toThrow(
      `Migration ${broken} failed earlier and is still marked as failed`,
    );

    writeFileSync(file, 'CREATE TABLE "Half" (a int);\n');
    await expect(markMigrationRolledBack(factory, "20000101000000_other", { prismaDir: copy.prismaDir })).rejects.toThrow(
      "Migration 20000101000000_other is not marked as failed",
    );
    await markMigrationRolledBack(factory, broken, { prismaDir: copy.prismaDir });
    expect(await applyMigrations(factory, { prismaDir: copy.prismaDir })).toEqual({ applied: [broken], edited: [] });
    expect(await getMigrationStatus(factory, { prismaDir: copy.prismaDir })).toMatchObject({ upToDate: true });
  });

  it("status reports edited, unapplied and locally missing migrations", async () => {
    const copy = tempPrisma();
    const { factory } = await freshDatabase();
    await applyMigrations(factory, { prismaDir: copy.prismaDir });
    const [first, second] = localMigrations(copy.prismaDir).map((m) => m.name);

    appendFileSync(path.join(copy.prismaDir, "migrations", first!, "migration.sql"), "\n-- edited\n");
    mkdirSync(path.join(copy.prismaDir, "migrations", "29990101000000_later"));
    writeFileSync(path.join(copy.prismaDir, "migrations", "29990101000000_later", "migration.sql"), "SELECT 1;\n");
    expect(await getMigrationStatus(factory, { prismaDir: copy.prismaDir })).toMatchObject({
      upToDate: false,
      edited: [first],
      unapplied: ["29990101000000_later"],
      failed: [],
    });
    const result = await applyMigrations(factory, { prismaDir: copy.prismaDir });
    expect(result).toEqual({ applied: ["29990101000000_later"], edited: [first] });

    rmSync(path.join(copy.prismaDir, "migrations", second!), { recursive: true });
    expect(await getMigrationStatus(factory, { prismaDir: copy.prismaDir })).toMatchObject({
      upToDate: false,
      missingLocally: [second],
    });
  });

  it("refuses a migration folder without migration.sql", async () => {
    const copy = tempPrisma();
    mkdirSync(path.join(copy.prismaDir, "migrations", "29990101000000_empty"));
    await expect(applyMigrations((await freshDatabase()).factory, { prismaDir: copy.prismaDir })).rejects.toThrow(
      /29990101000000_empty has no readable migration\.sql/,
    );
    expect(existsSync(path.join(copy.prismaDir, "migrations", "29990101000000_empty", "migration.sql"))).toBe(false);
  });
});
