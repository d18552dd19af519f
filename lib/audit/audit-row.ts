import { createHash } from "node:crypto";
import { z } from "zod";
import { toCanonicalJson } from "./canonical-json";

// The hashed audit row, in one table: every column of "AuditEvent" with how it is hashed,
// selected, exported and inserted. The hash input, the verification and history SQL, the
// export columns and the seed's INSERT are all derived from AUDIT_COLUMNS, so a column added
// here reaches every one of them.
//
// The rule (README, "Audit"): hash = sha256(previous hash + canonical JSON of the row), where
// the row is { id, at, type, actor, requestId, targetMailbox, action?, status?, data } and
// actor is { oid, upn, name, roles, ip, userAgent } or null for a system event.

export const GENESIS_HASH = "0".repeat(64);
// Serialises chain appends across transactions, processes and portal instances.
export const CHAIN_LOCK_KEY = 0x45584f44; // "EXOD"

export type TAuditRow = {
  seq: bigint;
  id: string;
  at: Date;
  type: string;
  actorOid: string | null;
  actorUpn: string | null;
  actorName: string | null;
  actorRoles: string[];
  actorIp: string | null;
  actorUserAgent: string | null;
  requestId: string | null;
  targetMailbox: string | null;
  action: string | null;
  status: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
};

type TPgType = "bigint" | "uuid" | "timestamp(3)" | "text" | "text[]" | "jsonb";

// How a column enters the hashed object: under `as`, inside `actor` or at the top; `emptyAs`
// replaces null (the actor's oid, upn and name are strings); `whenSet` columns were added after
// the first events were written and are hashed only when set, so older chains still verify.
type THashedAs = { as: string; actor?: true; emptyAs?: ""; whenSet?: true };

type TAuditColumn = { key: keyof TAuditRow; csv: string; pg: TPgType; nullable?: true; hashed?: THashedAs };

export const AUDIT_COLUMNS = [
  { key: "seq", csv: "seq", pg: "bigint" },
  { key: "id", csv: "id", pg: "uuid", hashed: { as: "id" } },
  { key: "at", csv: "at", pg: "timestamp(3)", hashed: { as: "at" } },
  { key: "type", csv: "type", pg: "text", hashed: { as: "type" } },
  { key: "actorOid", csv: "actor_oid", pg: "text", nullable: true, hashed: { as: "oid", actor: true, emptyAs: "" } },
  { key: "actorUpn", csv: "actor_upn", pg: "text", nullable: true, hashed: { as: "upn", actor: true, emptyAs: "" } },
  { key: "actorName", csv: "actor_name", pg: "text", nullable: true, hashed: { as: "name", actor: true, emptyAs: "" } },
  { key: "actorRoles", csv: "actor_roles", pg: "text[]", hashed: { as: "roles", actor: true } },
  { key: "actorIp", csv: "actor_ip", pg: "text", nullable: true, hashed: { as: "ip", actor: true } },
  { key: "actorUserAgent", csv: "actor_user_agent", pg: "text", nullable: true, hashed: { as: "userAgent", actor: true } },
  { key: "requestId", csv: "request_id", pg: "uuid", nullable: true, hashed: { as: "requestId" } },
  { key: "targetMailbox", csv: "target_mailbox", pg: "text", nullable: true, hashed: { as: "targetMailbox" } },
  { key: "action", csv: "action", pg: "text", nullable: true, hashed: { as: "action", whenSet: true } },
  { key: "status", csv: "status", pg: "text", nullable: true, hashed: { as: "status", whenSet: true } },
  { key: "data", csv: "data", pg: "jsonb", hashed: { as: "data" } },
  { key: "prevHash", csv: "prev_hash", pg: "text" },
  { key: "hash", csv: "hash", pg: "text" },
] as const satisfies readonly TAuditColumn[];

type TColumnKey = (typeof AUDIT_COLUMNS)[number]["key"];
// Every field of TAuditRow has its column (a compile error otherwise).
const everyFieldHasAColumn: Exclude<keyof TAuditRow, TColumnKey> extends never ? true : never = true;
void everyFieldHasAColumn;

export const CSV_COLUMNS = AUDIT_COLUMNS.map((c) => c.csv);
export type TCsvColumn = (typeof AUDIT_COLUMNS)[number]["csv"];

const quoted = (key: string) => `"${key}"`;

// The columns as the history reads them: uuids as text, so rows compare as strings.
export const HISTORY_SELECT = AUDIT_COLUMNS.map((c) => (c.pg === "uuid" ? `${quoted(c.key)}::text AS ${quoted(c.key)}` : quoted(c.key))).join(", ");

// The columns as one JSON array per row for the batch verifier: `at` formatted as
// Date.toISOString() would (the column is UTC timestamp(3)), `data` as stored.
export const BATCH_ROW_SQL = `json_build_array(${AUDIT_COLUMNS.map((c) =>
  c.pg === "timestamp(3)" ? `to_char(${quoted(c.key)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : c.pg === "bigint" || c.pg === "uuid" ? `${quoted(c.key)}::text` : quoted(c.key),
).join(", ")})`;

const columnIndex = (key: TColumnKey): number => AUDIT_COLUMNS.findIndex((c) => c.key === key);

export type THashedRow = Omit<TAuditRow, "seq" | "hash">;

// The object whose canonical JSON is hashed, built from the row's columns as stored. A system
// event has no actor column set; any set one (an alteration, if it was written without) makes
// the row hash with an actor.
function toHashedObject(row: THashedRow): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  const actor: Record<string, unknown> = {};
  let hasActor = false;
  for (const column of AUDIT_COLUMNS) {
    if (!("hashed" in column)) continue;
    const rule: THashedAs = column.hashed;
    const value = row[column.key];
    if (rule.actor && (Array.isArray(value) ? value.length > 0 : Boolean(value))) hasActor = true;
    if (rule.whenSet && !value) continue;
    (rule.actor ? actor : top)[rule.as] = value ?? rule.emptyAs ?? null;
  }
  top.actor = hasActor ? actor : null;
  return top;
}

export function hashAuditRow(row: THashedRow): string {
  return createHash("sha256").update(row.prevHash + toCanonicalJson(toHashedObject(row))).digest("hex");
}

// What the fast verifier needs to build the canonical JSON straight from a batch row array,
// in key order: for each hashed key its JSON prefix, the column it comes from and how.
type TBatchField = { key: string; prefix: string; index: number; whenSet: boolean; emptyAs: "" | null };
export type TBatchPlan = { fields: (TBatchField | { key: "actor"; prefix: string; actor: TBatchField[] })[]; id: number; seq: number; prevHash: number; hash: number };

export function makeBatchPlan(): TBatchPlan {
  const entries = AUDIT_COLUMNS.flatMap((c, index) => ("hashed" in c ? [{ rule: c.hashed as THashedAs, index }] : []));
  const field = ({ rule, index }: { rule: THashedAs; index: number }): TBatchField => ({
    key: rule.as,
    prefix: `${JSON.stringify(rule.as)}:`,
    index,
    whenSet: Boolean(rule.whenSet),
    emptyAs: rule.emptyAs ?? null,
  });
  const sorted = <T extends { key: string }>(list: T[]) => list.sort((a, b) => (a.key < b.key ? -1 : 1));
  const actor = { key: "actor" as const, prefix: `"actor":`, actor: sorted(entries.filter((e) => e.rule.actor).map(field)) };
  const fields = sorted([...entries.filter((e) => !e.rule.actor).map(field), actor]);
  return { fields, id: columnIndex("id"), seq: columnIndex("seq"), prevHash: columnIndex("prevHash"), hash: columnIndex("hash") };
}

// A row as text for the seed's unnest() INSERT (one text array per column, cast by pg type).
function toPgText(row: TAuditRow, column: TAuditColumn): string | null {
  const value = row[column.key];
  if (column.pg === "bigint") return String(value);
  if (column.pg === "timestamp(3)") return (value as Date).toISOString().slice(0, 23);
  if (column.pg === "text[]") return `{${(value as string[]).map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
  if (column.pg === "jsonb") return JSON.stringify(value);
  return value as string | null;
}

export function toPgTexts(row: TAuditRow): (string | null)[] {
  return AUDIT_COLUMNS.map((c) => toPgText(row, c));
}

const n = AUDIT_COLUMNS.length;
const cast = (c: TAuditColumn, i: number) => `c${i + 1}${c.pg === "text" ? "" : `::${c.pg}`}`;
export const UNNEST_INSERT_SQL = `
  INSERT INTO "AuditEvent" (${AUDIT_COLUMNS.map((c) => quoted(c.key)).join(", ")})
  SELECT ${AUDIT_COLUMNS.map(cast).join(", ")}
    FROM unnest(${Array.from({ length: n }, (_, i) => `$${i + 1}::text[]`).join(", ")})
         AS t(${Array.from({ length: n }, (_, i) => `c${i + 1}`).join(", ")})`;

// A row as exported: every column as text (null stays null), exactly as stored.
export function toExportTexts(row: TAuditRow): (string | null)[] {
  return AUDIT_COLUMNS.map((c) => {
    const value = row[c.key];
    if (c.pg === "bigint") return String(value);
    if (c.pg === "timestamp(3)") return (value as Date).toISOString();
    if (c.pg === "text[]") return JSON.stringify(value);
    if (c.pg === "jsonb") return toCanonicalJson(value);
    return value as string | null;
  });
}

// The inverse of toExportTexts, for a row read back from a CSV export.
export function fromExportTexts(texts: Record<TCsvColumn, string | null>): TAuditRow {
  const row: Record<string, unknown> = {};
  for (const c of AUDIT_COLUMNS as readonly TAuditColumn[]) {
    const text = texts[c.csv as TCsvColumn] ?? (c.nullable ? null : "");
    if (c.pg === "bigint") row[c.key] = BigInt(text ?? "");
    else if (c.pg === "timestamp(3)") row[c.key] = new Date(text ?? "");
    else if (c.pg === "text[]") row[c.key] = z.array(z.string()).parse(JSON.parse(text ?? ""));
    else if (c.pg === "jsonb") row[c.key] = JSON.parse(text ?? "") as unknown;
    else row[c.key] = text;
  }
  return row as TAuditRow;
}

// A JSON Lines row: every column under its own name, seq and at as text.
export const ZJsonRow = z
  .object(
    Object.fromEntries(
      (AUDIT_COLUMNS as readonly TAuditColumn[]).map((c) => {
        const schema = c.pg === "text[]" ? z.array(z.string()) : c.pg === "jsonb" ? z.unknown() : z.string();
        return [c.key, c.nullable ? schema.nullable() : schema];
      }),
    ),
  )
  .transform((row) => ({ ...row, seq: BigInt(row.seq as string), at: new Date(row.at as string) }) as TAuditRow);
