// Applying and checking migrations without the Prisma CLI's engine binary.
// Importable from the demo start-up and tests; scripts/db.ts is the CLI and
// create-migration.ts writes new migrations.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { withSchemaEngine } from "./engine";
import { MigrationError, summarizeEngineError } from "./engine-errors";

export { MigrationError };

export type PrismaDirOption = {
  /** Folder holding schema.prisma and migrations/. Defaults to ./prisma. */
  prismaDir?: string;
};

export type ApplyMigrationsResult = {
  /** Migrations applied by this call, in order. */
  applied: string[];
  /** Applied earlier, but their migration.sql has changed since (not re-applied). */
  edited: string[];
};

export type MigrationStatus = {
  /** True when every local migration is applied, none failed and none was edited. */
  upToDate: boolean;
  hasMigrationsTable: boolean;
  /** Migration folder names found in prisma/migrations, in order. */
  local: string[];
  unapplied: string[];
  failed: string[];
  edited: string[];
  /** Recorded in the database but missing from prisma/migrations. */
  missingLocally: string[];
};

export const filters: SchemaFilter = { externalTables: [], externalEnums: [] };
const LOCKFILE = "migration_lock.toml";

export function prismaDirOf(options?: PrismaDirOption): string {
  // The default is statically scoped so that Next.js's output tracing includes
  // prisma/ (and only it) when the app migrates at start-up.
  return options?.prismaDir
    ? path.resolve(/*turbopackIgnore: true*/ options.prismaDir)
    : path.join(process.cwd(), "prisma");
}

/** Reads prisma/migrations the way `prisma migrate` does (folders sorted by name). */
export async function readMigrationsList(migrationsDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(migrationsDir, LOCKFILE), "utf8").catch(() => null);
  let entries: string[] = [];
  try {
    const dirents = await readdir(migrationsDir, { withFileTypes: true });
    entries = dirents.filter((d) => d.isDirectory()).map((d) => d.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  entries.sort();
  const migrationDirectories = await Promise.all(
    entries.map(async (name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      const content = await readFile(file, "utf8").then(
        (value) => ({ tag: "ok" as const, value }),
        () => ({ tag: "error" as const, value: `${file} is missing or unreadable` }),
      );
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  const missing = migrationDirectories.find((d) => d.migrationFile.content.tag === "error");
  if (missing) {
    throw new MigrationError(
      `The migration folder ${path.join(migrationsDir, missing.path)} has no readable migration.sql. ` +
        "Add the file or remove the folder.",
    );
  }
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** Runs one engine step, turning its failure into a MigrationError that starts with `what`. */
export async function run<T>(what: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    const { message, migrationName } = summarizeEngineError(error);
    const where = migrationName ? ` (migration ${migrationName})` : "";
    throw new MigrationError(`${what}${where}: ${message}`, { cause: error });
  }
}

function recoveryHint(migrationName: string): string {
  return (
    "Fix its migration.sql (or repair the database), then run " +
    `npx tsx scripts/db.ts mark-rolled-back ${migrationName} and migrate again.`
  );
}

async function diagnose(engine: SchemaEngine, migrationsList: MigrationList): Promise<MigrationStatus> {
  const result = await engine.diagnoseMigrationHistory({
    migrationsList,
    optInToShadowDatabase: false,
    filters,
  });
  const history = result.history;
  const unapplied =
    history && history.diagnostic !== "migrationsDirectoryIsBehind" ? history.unappliedMigrationNames : [];
  const missingLocally =
    history && history.diagnostic !== "databaseIsBehind" ? history.unpersistedMigrationNames : [];
  const status = {
    hasMigrationsTable: result.hasMigrationsTable,
    local: migrationsList.migrationDirectories.map((d) => d.path),
    unapplied,
    failed: result.failedMigrationNames,
    edited: result.editedMigrationNames,
    missingLocally,
  };
  const upToDate =
    status.unapplied.length + status.failed.length + status.edited.length + status.missingLocally.length === 0;
  return { upToDate, ...status };
}

/**
 * Applies every migration in prisma/migrations that the database has not
 * recorded in `_prisma_migrations`, in order, through `adapterFactory`.
 * Throws MigrationError when a migration fails or an earlier one is still
 * marked failed.
 */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options?: PrismaDirOption & { onApplying?: (migrationName: string) => void },
): Promise<ApplyMigrationsResult> {
  const migrationsList = await readMigrationsList(path.join(prismaDirOf(options), "migrations"));
  return withSchemaEngine(
    adapterFactory,
    async (engine) => {
      const before = await run("Could not read the migration history", () => diagnose(engine, migrationsList));
      const failedEarlier = before.failed[0];
      if (failedEarlier) {
        throw new MigrationError(
          `Migration ${failedEarlier} failed earlier and is still marked as failed, so no migration was applied. ` +
            recoveryHint(failedEarlier),
        );
      }
      try {
        const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters });
        return { applied: appliedMigrationNames, edited: before.edited };
      } catch (error) {
        const { message, migrationName } = summarizeEngineError(error);
        if (!migrationName) throw new MigrationError(`Applying migrations failed: ${message}`, { cause: error });
        throw new MigrationError(
          `Migration ${migrationName} failed: ${message}. Its file ran as one transaction, so none of its ` +
            `statements were kept unless the file commits by itself. ${recoveryHint(migrationName)}`,
          { cause: error },
        );
      }
    },
    (entry) => {
      const applying = /^Applying `(.+)`$/.exec(entry.message);
      if (applying?.[1]) options?.onApplying?.(applying[1]);
    },
  );
}

/**
 * Marks a failed migration as rolled back (as `prisma migrate resolve
 * --rolled-back` does), so that the next applyMigrations runs it again.
 */
export async function markMigrationRolledBack(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  migrationName: string,
  options?: PrismaDirOption,
): Promise<void> {
  const migrationsList = await readMigrationsList(path.join(prismaDirOf(options), "migrations"));
  await withSchemaEngine(adapterFactory, async (engine) => {
    const status = await run("Could not read the migration history", () => diagnose(engine, migrationsList));
    if (!status.failed.includes(migrationName)) {
      const failed =
        status.failed.length > 0 ? `Failed migrations: ${status.failed.join(", ")}.` : "No migration is marked as failed.";
      throw new MigrationError(`Migration ${migrationName} is not marked as failed. ${failed}`);
    }
    await run(`Could not mark ${migrationName} as rolled back`, () =>
      engine.markMigrationRolledBack({ migrationName }),
    );
  });
}

/** Compares prisma/migrations with the database's `_prisma_migrations` table. */
export async function getMigrationStatus(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  options?: PrismaDirOption,
): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsList(path.join(prismaDirOf(options), "migrations"));
  return withSchemaEngine(adapterFactory, (engine) =>
    run("Could not read the migration history", () => diagnose(engine, migrationsList)),
  );
}
