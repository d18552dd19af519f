import { toCanonicalJson } from "./canonical-json";
import type { THistoryRow } from "./query-history";

// How exported events are written: every column the hash covers, exactly as stored, plus the
// row's hash, so anyone can recompute each row and match it against the chain.

export type TExportFormat = "csv" | "jsonl";

export type TExportHeader = {
  exportedAt: string;
  chainHead: { seq: string; hash: string } | null;
  filters: Record<string, string>;
};

export const CSV_COLUMNS = [
  "seq",
  "id",
  "at",
  "type",
  "actor_oid",
  "actor_upn",
  "actor_name",
  "actor_roles",
  "actor_ip",
  "actor_user_agent",
  "request_id",
  "target_mailbox",
  "action",
  "status",
  "data",
  "prev_hash",
  "hash",
] as const;

function toCsvField(value: string | null): string {
  if (value === null) return "";
  // Values stay byte-exact (no formula-escaping prefix), or the rows could not be verified.
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// A null column is an empty field; an empty string never occurs in these columns.
function toCsvValues(row: THistoryRow): (string | null)[] {
  return [
    row.seq.toString(),
    row.id,
    row.at.toISOString(),
    row.type,
    row.actorOid,
    row.actorUpn,
    row.actorName,
    JSON.stringify(row.actorRoles),
    row.actorIp,
    row.actorUserAgent,
    row.requestId,
    row.targetMailbox,
    row.action,
    row.status,
    toCanonicalJson(row.data),
    row.prevHash,
    row.hash,
  ];
}

// Comment lines before the header carry what the export covers; CSV readers skip them with
// their comment option (`#`).
export function csvPreamble(header: TExportHeader): string {
  const head = header.chainHead ? `seq ${header.chainHead.seq}, hash ${header.chainHead.hash}` : "empty chain";
  const filters = Object.entries(header.filters).map(([k, v]) => `${k}=${v}`).join("; ") || "none";
  return `# ExoDesk audit export at ${header.exportedAt}\r\n# chain head: ${head}\r\n# filters: ${filters}\r\n${CSV_COLUMNS.join(",")}\r\n`;
}

export function toCsvLine(row: THistoryRow): string {
  return `${toCsvValues(row).map(toCsvField).join(",")}\r\n`;
}

export function jsonlPreamble(header: TExportHeader): string {
  return `${JSON.stringify({ export: header })}\n`;
}

export function toJsonLine(row: THistoryRow): string {
  return `${JSON.stringify({ ...row, seq: row.seq.toString(), at: row.at.toISOString() })}\n`;
}
