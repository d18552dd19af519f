// Faults that tests queue for the next InvokeCommand calls (after authentication).

export const FAULT_KINDS = ["latency", "throttle", "server-error", "malformed", "reported-error"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const MALFORMED_VARIANTS = ["empty", "nul-padded", "html", "fake-gzip", "truncated-json"] as const;
export type MalformedVariant = (typeof MALFORMED_VARIANTS)[number];

// Exceptions Exchange reports inside a 500 when the failure is transient.
export const TRANSIENT_EXCEPTIONS = [
  "DCOverloadedException",
  "SuitabilityDirectoryException",
  "ServerInMMException",
  "ADServerSettingsChangedException",
  "StorageTransientException",
] as const;
export type TransientException = (typeof TRANSIENT_EXCEPTIONS)[number];

export const THROTTLE_VARIANTS = ["text", "json"] as const;

// `cmdlet`, when set, limits the fault to calls of that cmdlet (e.g. only the Set between two reads).
export type FaultSpec = { cmdlet?: string } & (
  | { kind: "latency"; count: number; latencyMs: number }
  | { kind: "throttle"; count: number; retryAfterSeconds: number; variant: (typeof THROTTLE_VARIANTS)[number] }
  | { kind: "server-error"; count: number; status: 500 | 503 | 504; variant: TransientException }
  | { kind: "malformed"; count: number; variant: MalformedVariant; status: number | null }
  // A 200 whose "@adminapi.errors" holds `message`; `run`: the cmdlet ran (and may have
  // changed something) before the error was reported.
  | { kind: "reported-error"; count: number; message: string; run: boolean }
);

export const DEFAULT_REPORTED_ERROR =
  "Ex9F1E2D|Microsoft.Exchange.Configuration.Tasks.TaskException|The operation couldn't be completed because of an error on the mailbox server. Try again later.";

type Input = Record<string, unknown>;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`${field} must be one of ${allowed.join(", ")}`);
}

function positiveNumber(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new Error(`${field} must be a number >= 0`);
  return value;
}

// Throws with a message naming the bad field.
export function parseFaultSpec(body: unknown): FaultSpec {
  if (typeof body !== "object" || body === null) throw new Error("body must be a JSON object");
  const input = body as Input;
  const kind = oneOf(input.kind, FAULT_KINDS, "kind", "latency");
  if (input.kind === undefined) throw new Error(`kind is required (${FAULT_KINDS.join(", ")})`);
  const count = positiveNumber(input.count, "count", 1);
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a whole number >= 1");
  if (input.cmdlet !== undefined && (typeof input.cmdlet !== "string" || !input.cmdlet)) throw new Error("cmdlet must be a cmdlet name");
  const cmdlet = input.cmdlet === undefined ? {} : { cmdlet: input.cmdlet as string };
  return { ...cmdlet, ...parseKind(kind, count, input) };
}

function parseKind(kind: FaultKind, count: number, input: Input): FaultSpec {
  switch (kind) {
    case "latency":
      return { kind, count, latencyMs: positiveNumber(input.latencyMs, "latencyMs", 1000) };
    case "throttle":
      return {
        kind,
        count,
        retryAfterSeconds: positiveNumber(input.retryAfterSeconds, "retryAfterSeconds", 1),
        variant: oneOf(input.variant, THROTTLE_VARIANTS, "variant", "text"),
      };
    case "server-error": {
      const status = input.status ?? (input.variant === undefined ? 503 : 500);
      if (status !== 500 && status !== 503 && status !== 504) throw new Error("status must be 500, 503 or 504");
      return { kind, count, status, variant: oneOf(input.variant, TRANSIENT_EXCEPTIONS, "variant", "DCOverloadedException") };
    }
    case "reported-error": {
      if (input.message !== undefined && (typeof input.message !== "string" || input.message.trim() === "")) throw new Error("message must be a non-empty string");
      if (input.run !== undefined && typeof input.run !== "boolean") throw new Error("run must be true or false");
      return { kind, count, message: (input.message as string | undefined) ?? DEFAULT_REPORTED_ERROR, run: input.run === true };
    }
    case "malformed": {
      const status = input.status === undefined ? null : positiveNumber(input.status, "status", 200);
      if (status !== null && (!Number.isInteger(status) || status < 200 || status > 599)) throw new Error("status must be an HTTP status");
      return { kind, count, status, variant: oneOf(input.variant, MALFORMED_VARIANTS, "variant", "empty") };
    }
  }
}

export class FaultQueue {
  private queue: { spec: FaultSpec; remaining: number }[] = [];

  add(spec: FaultSpec): void {
    this.queue.push({ spec, remaining: spec.count });
  }

  // The fault for the call being handled, if any: the oldest one that applies to this cmdlet.
  take(cmdlet: string | null): FaultSpec | undefined {
    const index = this.queue.findIndex((q) => q.spec.cmdlet === undefined || q.spec.cmdlet.toLowerCase() === cmdlet?.toLowerCase());
    const entry = this.queue[index];
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return entry.spec;
  }

  list(): { spec: FaultSpec; remaining: number }[] {
    return this.queue.map((q) => ({ ...q }));
  }

  clear(): void {
    this.queue = [];
  }
}
