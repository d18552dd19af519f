// The one Prisma client of the process, on PostgreSQL (DATABASE_URL) or on the
// embedded PGlite database (EXODESK_DATA_DIR, default ./.data/pglite).
//
// Created lazily: `next build` evaluates this module while collecting page
// data and must not open the database. Kept on globalThis: Next.js evaluates
// the module more than once per process, and PGlite must be opened once.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { acquireDataDirLock, type DataDirLock } from "./db-lock";
import { PrismaClient } from "./generated/prisma/client";

export type DbTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/** DATABASE_URL or EXODESK_DATA_DIR cannot be used as given. */
export class DbConfigError extends Error {
  override name = "DbConfigError";
}

type DbState = {
  target: DbTarget;
  pglite?: { db: PGlite; lock: DataDirLock };
  client?: PrismaClient;
};

const store = globalThis as typeof globalThis & { __exodeskDb?: DbState };

/** Which database the environment selects. Pure: opens nothing. */
export function resolveDbTarget(env: Record<string, string | undefined> = process.env): DbTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (/^postgres(ql)?:\/\//i.test(url)) return { kind: "postgres", url };
    throw new DbConfigError(
      "DATABASE_URL must start with postgres:// or postgresql://. " +
        "Leave it unset to use the embedded database in EXODESK_DATA_DIR.",
    );
  }
  const dataDir = env.EXODESK_DATA_DIR?.trim() || path.join(".data", "pglite");
  return { kind: "pglite", dataDir: path.resolve(/*turbopackIgnore: true*/ process.cwd(), dataDir) };
}

/** A description for messages and logs, without credentials. */
export function describeDbTarget(target: DbTarget = resolveDbTarget()): string {
  if (target.kind === "pglite") return `the embedded database at ${target.dataDir}`;
  try {
    const u = new URL(target.url);
    return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1)) || "(default)"}" on ${u.host}`;
  } catch {
    return "the PostgreSQL database in DATABASE_URL";
  }
}

function state(): DbState {
  store.__exodeskDb ??= { target: resolveDbTarget() };
  return store.__exodeskDb;
}

function openPGlite(s: DbState, dataDir: string): PGlite {
  if (s.pglite) return s.pglite.db;
  // Takes the lock (creating the directory and its parents) before PGlite opens it.
  const lock = acquireDataDirLock(dataDir);
  try {
    const db = new PGlite(dataDir);
    // A failed start-up surfaces on the first query; without this handler it
    // would also crash the process as an unhandled rejection.
    db.waitReady.catch(() => {});
    s.pglite = { db, lock };
    return db;
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * A driver adapter factory for the configured database, for the schema engine
 * (scripts/db/migrations.ts). On PGlite it shares the process's one PGlite
 * instance with getDb(), so a process can migrate and then serve.
 */
export function getAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const s = state();
  if (s.target.kind === "postgres") return new PrismaPg({ connectionString: s.target.url });
  return new PrismaPGlite(openPGlite(s, s.target.dataDir));
}

/** The process's Prisma client, created on first use. */
export function getDb(): PrismaClient {
  const s = state();
  s.client ??= new PrismaClient({
    adapter:
      s.target.kind === "postgres"
        ? new PrismaPg({ connectionString: s.target.url })
        : new PrismaPGlite(openPGlite(s, s.target.dataDir)),
  });
  return s.client;
}

/** Disconnects, closes PGlite and releases its lock. getDb() opens it again. */
export async function closeDb(): Promise<void> {
  const s = store.__exodeskDb;
  if (!s) return;
  store.__exodeskDb = undefined;
  try {
    await s.client?.$disconnect();
    await s.pglite?.db.close();
  } finally {
    s.pglite?.lock.release();
  }
}
