// Loads Prisma's schema engine compiled to WebAssembly and runs one operation
// through a driver adapter. The CLI's native engine binary cannot be downloaded
// here (see shared/docs/environment.md, "Prisma 7 offline").
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { describeEngineError, MigrationError } from "./engine-errors";
import { withWholeScriptExecution } from "./script-adapter";

type EngineModule = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let loading: Promise<EngineModule> | undefined;

function locateWasm(): string {
  const file = "schema_engine_bg.wasm";
  const candidates: string[] = [];
  try {
    const js = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    candidates.push(path.join(path.dirname(js), file));
  } catch {
    // Not resolvable from here (bundled code): use the fallback below.
  }
  // Bundlers rewrite the resolution above into virtual paths (`next dev`
  // gives "[project]/node_modules/…"), so also look in the working directory.
  const fallback = path.join(process.cwd(), "node_modules", "@prisma", "schema-engine-wasm", file);
  return candidates.find((candidate) => existsSync(candidate)) ?? fallback;
}

async function loadEngineModule(): Promise<EngineModule> {
  const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = new Uint8Array(await readFile(locateWasm()));
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes), {
    "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
  });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  return bindings;
}

function engineModule(): Promise<EngineModule> {
  loading ??= loadEngineModule().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export type EngineLog = { level: string; message: string; fields: Record<string, unknown> };

/**
 * Runs `operation` with a schema engine connected through `adapterFactory`,
 * then frees the engine and disposes every connection it opened.
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  operation: (engine: SchemaEngine) => Promise<T>,
  onLog?: (entry: EngineLog) => void,
): Promise<T> {
  const bindings = await engineModule();
  const factory = withWholeScriptExecution(adapterFactory);
  const log = (line: string) => {
    if (process.env.EXODESK_DB_DEBUG) process.stderr.write(`[schema-engine] ${line}`);
    if (!onLog) return;
    try {
      const parsed = JSON.parse(line) as { level?: string; fields?: Record<string, unknown> };
      const fields = parsed.fields ?? {};
      onLog({ level: parsed.level ?? "INFO", message: String(fields.message ?? ""), fields });
    } catch {
      onLog({ level: "INFO", message: line.trim(), fields: {} });
    }
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await bindings.SchemaEngine.new(
      { datamodels: undefined },
      log,
      bindMigrationAwareSqlAdapterFactory(factory),
    ).catch((error: unknown) => {
      throw new MigrationError(`Cannot connect to the database: ${describeEngineError(error)}`, { cause: error });
    });
    return await operation(engine);
  } finally {
    engine?.free();
    await factory.disposeAll();
  }
}
