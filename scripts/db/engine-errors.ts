/** An expected failure: its message is meant for a person, without a stack trace. */
export class MigrationError extends Error {
  override name = "MigrationError";
}

// What the WebAssembly schema engine throws is an Error whose message carries
// a Rust span trace ("   0: sql_schema_connector::…"). Keep the sentence only.
export type EngineErrorSummary = { message: string; migrationName?: string };

export function summarizeEngineError(error: unknown): EngineErrorSummary {
  const text =
    error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error);
  const lines = (text ?? String(error)).split("\n");
  const traceStart = lines.findIndex((line) => /^\s+\d+: \S/.test(line));
  const kept = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trim())
    .filter((line) => line !== "" && line !== "external connector error");
  const migrationName = /migration_name="([^"]+)"/.exec(text ?? "")?.[1];
  const message = kept.join(" ") || "unknown error";
  return migrationName ? { message, migrationName } : { message };
}

export function describeEngineError(error: unknown): string {
  return summarizeEngineError(error).message;
}
