// The schema engine runs each migration file through the adapter's
// executeScript. Neither stock adapter does that safely:
// - @prisma/adapter-pg splits the script on every ";" (breaking function bodies
//   such as the audit trigger's) and runs the pieces one by one, outside any
//   transaction;
// - pglite-prisma-adapter does not await PGlite's exec, so a failing migration
//   is recorded as applied and its error becomes an unhandled rejection.
// This wrapper sends the whole file as one simple-protocol query instead, the
// way Prisma's native engine does: PostgreSQL runs it as a single implicit
// transaction and reports the first error.
import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";

type ScriptRunner = (script: string) => Promise<unknown>;

export type DisposableAdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  disposeAll(): Promise<void>;
};

type PgError = {
  code?: unknown;
  severity?: unknown;
  message?: unknown;
  detail?: unknown;
  column?: unknown;
  hint?: unknown;
};

function asOptionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function toDriverError(error: unknown): unknown {
  const e = error as PgError | null;
  if (!e || typeof e.code !== "string" || typeof e.message !== "string") return error;
  return new DriverAdapterError({
    kind: "postgres",
    code: e.code,
    severity: asOptionalString(e.severity) ?? "ERROR",
    message: e.message,
    detail: asOptionalString(e.detail),
    column: asOptionalString(e.column),
    hint: asOptionalString(e.hint),
  });
}

function findScriptRunner(adapter: SqlDriverAdapter): ScriptRunner {
  const candidate = adapter as SqlDriverAdapter & {
    underlyingDriver?: () => { query?: (sql: string) => Promise<unknown> };
    client?: { exec?: (sql: string) => Promise<unknown> };
  };
  // @prisma/adapter-pg: a pg.Pool; query() without parameters uses the simple protocol.
  const driver = typeof candidate.underlyingDriver === "function" ? candidate.underlyingDriver() : undefined;
  if (driver && typeof driver.query === "function") return (sql) => driver.query!(sql);
  // pglite-prisma-adapter: the PGlite instance; exec() uses the simple protocol.
  const client = candidate.client;
  if (client && typeof client.exec === "function") return (sql) => client.exec!(sql);
  throw new Error(
    `Migrations are not supported through the driver adapter "${adapter.adapterName}": ` +
      "use @prisma/adapter-pg or pglite-prisma-adapter.",
  );
}

function wrapAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const run = findScriptRunner(adapter);
  let disposed: Promise<void> | undefined;
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: (query) => adapter.executeRaw(query),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    executeScript: async (script) => {
      try {
        await run(script);
      } catch (error) {
        throw toDriverError(error);
      }
    },
    dispose: () => (disposed ??= adapter.dispose()),
  };
  if (adapter.getConnectionInfo) wrapped.getConnectionInfo = () => adapter.getConnectionInfo!();
  return wrapped;
}

/** Wraps a driver adapter factory for use by the schema engine (see above). */
export function withWholeScriptExecution(
  factory: SqlMigrationAwareDriverAdapterFactory,
): DisposableAdapterFactory {
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    const wrapped = wrapAdapter(adapter);
    opened.push(wrapped);
    return wrapped;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    // A shadow database is never needed: new migrations are generated against
    // an in-memory PGlite that replays the history (see migrations.ts).
    connectToShadowDb: () =>
      Promise.reject(new Error("ExoDesk's migration scripts do not use a shadow database.")),
    disposeAll: async () => {
      const adapters = opened.splice(0);
      await Promise.allSettled(adapters.map((adapter) => adapter.dispose()));
    },
  };
}
