// The one Prisma client of the process, on the PostgreSQL database in DATABASE_URL. The demo,
// `npm run dev`, the scripts and the tests set DATABASE_URL to the embedded PostgreSQL server
// they start (scripts/db/embedded-postgres.ts); in production it names your server.
//
// Created lazily: `next build` evaluates this module while collecting page data and must not
// open the database. Kept on globalThis: Next.js evaluates the module more than once per process.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

/** DATABASE_URL is missing or cannot be used as given. */
export class DbConfigError extends Error {
  override name = "DbConfigError";
}

const store = globalThis as typeof globalThis & { __exodeskDb?: PrismaClient };

/** The database URL the environment names. Pure: opens nothing. */
export function databaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    throw new DbConfigError(
      "DATABASE_URL is not set. Set it to your PostgreSQL database (postgres://user:password@host:5432/exodesk); " +
        "npm run demo and npm run dev start an embedded PostgreSQL and set it themselves.",
    );
  }
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new DbConfigError("DATABASE_URL must start with postgres:// or postgresql://.");
  return url;
}

/** The database for messages and logs, without credentials. */
export function describeDatabase(url: string = databaseUrl()): string {
  try {
    const u = new URL(url);
    return `PostgreSQL database "${decodeURIComponent(u.pathname.slice(1)) || "(default)"}" on ${u.host}`;
  } catch {
    return "the PostgreSQL database in DATABASE_URL";
  }
}

/** A driver adapter for the configured database, for the schema engine (scripts/db/migrations.ts). */
export function getAdapterFactory(): PrismaPg {
  return new PrismaPg({ connectionString: databaseUrl() });
}

/** The process's Prisma client, created on first use. */
export function getDb(): PrismaClient {
  store.__exodeskDb ??= new PrismaClient({ adapter: getAdapterFactory() });
  return store.__exodeskDb;
}

/** Disconnects; getDb() connects again (to DATABASE_URL as it is then). */
export async function closeDb(): Promise<void> {
  const client = store.__exodeskDb;
  store.__exodeskDb = undefined;
  await client?.$disconnect();
}
