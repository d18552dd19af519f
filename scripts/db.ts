// Database migrations without the Prisma CLI's engine binary (see
// scripts/db/migrations.ts). Run with tsx:
//   npm run db:migrate            apply pending migrations to the configured database
//   npm run db:new -- <name>      write a migration for changes to prisma/schema.prisma
//   npx tsx scripts/db.ts status  compare prisma/migrations with the database
import path from "node:path";
import { closeDb, DbConfigError, describeDatabase, getAdapterFactory } from "../lib/db/client";
import { EmbeddedPostgresInUseError, useConfiguredDatabase } from "./db/embedded-postgres";
import {
  applyMigrations,
  getMigrationStatus,
  markMigrationRolledBack,
  MigrationError,
  type MigrationStatus,
} from "./db/migrations";
import { createMigration } from "./db/create-migration";

const USAGE = `Usage: tsx scripts/db.ts <command>

  migrate                   apply pending migrations to the configured database
  new <name>                write prisma/migrations/<timestamp>_<name>/migration.sql
                            for the changes in prisma/schema.prisma
  status                    compare prisma/migrations with the database
  mark-rolled-back <name>   let migrate retry a migration that failed

The database is DATABASE_URL (postgres://…) when it is set, otherwise the
demo's embedded PostgreSQL in EXODESK_DATA_DIR (default ./.data), used as it is
when the demo runs and started for the command otherwise.`;

class UsageError extends Error {}

function list(names: string[]): string {
  return names.map((name) => `  - ${name}`).join("\n");
}

function printStatus(status: MigrationStatus): void {
  const applied = status.local.length - status.unapplied.length;
  console.log(`${status.local.length} migration(s) in prisma/migrations, ${applied} applied.`);
  if (!status.hasMigrationsTable) console.log("The database has no _prisma_migrations table yet.");
  if (status.unapplied.length > 0) console.log(`Not yet applied (run npm run db:migrate):\n${list(status.unapplied)}`);
  if (status.failed.length > 0) {
    console.log(
      `Failed (fix, then npx tsx scripts/db.ts mark-rolled-back <name> and migrate again):\n${list(status.failed)}`,
    );
  }
  if (status.edited.length > 0) {
    console.log(`Edited after they were applied (restore the applied version):\n${list(status.edited)}`);
  }
  if (status.missingLocally.length > 0) {
    console.log(`Applied to the database but missing from prisma/migrations:\n${list(status.missingLocally)}`);
  }
  if (status.upToDate) console.log("The database is up to date.");
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case "migrate": {
      console.log(`Migrating ${describeDatabase()}…`);
      const started = Date.now();
      const result = await applyMigrations(getAdapterFactory(), {
        onApplying: (name) => console.log(`Applying ${name}`),
      });
      if (result.edited.length > 0) {
        console.warn(
          `Warning: these migrations were edited after they were applied; the edits were not applied:\n${list(result.edited)}`,
        );
      }
      console.log(
        result.applied.length === 0
          ? "No pending migrations: the database is up to date."
          : `Applied ${result.applied.length} migration(s) in ${Date.now() - started} ms.`,
      );
      return 0;
    }
    case "new": {
      const name = rest.join("_");
      if (name.trim() === "") throw new UsageError("Give the migration a name: npm run db:new -- <name>");
      const created = await createMigration(name);
      if (!created) {
        console.log("prisma/schema.prisma matches the existing migrations: nothing to change, no migration written.");
        return 0;
      }
      console.log(`Wrote ${path.relative(process.cwd(), created.file)}\nReview it, then apply it with npm run db:migrate.`);
      return 0;
    }
    case "status": {
      console.log(`Checking ${describeDatabase()}…`);
      const status = await getMigrationStatus(getAdapterFactory());
      printStatus(status);
      return status.upToDate ? 0 : 1;
    }
    case "mark-rolled-back": {
      const [name] = rest;
      if (!name) throw new UsageError("Name the failed migration: npx tsx scripts/db.ts mark-rolled-back <name>");
      await markMigrationRolledBack(getAdapterFactory(), name);
      console.log(`Marked ${name} as rolled back. npm run db:migrate will apply it again.`);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

function isExpected(error: unknown): error is Error {
  return (
    error instanceof MigrationError ||
    error instanceof EmbeddedPostgresInUseError ||
    error instanceof DbConfigError ||
    error instanceof UsageError
  );
}

let exitCode: number;
let database: { release(): Promise<void> } | undefined;
try {
  const args = process.argv.slice(2);
  // `new` needs no database; the others the configured one.
  if (args[0] !== "new") database = await useConfiguredDatabase();
  exitCode = await main(args);
} catch (error) {
  console.error(isExpected(error) ? `Error: ${error.message}` : error);
  exitCode = 1;
} finally {
  await closeDb().catch((error: unknown) => console.error("Closing the database failed:", error));
  await database?.release();
}
process.exit(exitCode);
