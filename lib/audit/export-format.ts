import { CSV_COLUMNS, toExportTexts, type TAuditRow } from "./audit-row";

// How exported events are written: every column (audit-row.ts), exactly as stored, with the
// row's previous hash and hash, so anyone can recompute each row and match it against the chain.

export type TExportFormat = "csv" | "jsonl";

// `query` is the whole view (filters, sort and order): with the head it says exactly which
// rows the file must hold, so a removed, added or moved row is caught too.
export type TExportHeader = {
  exportedAt: string;
  chainHead: { seq: string; hash: string } | null;
  query: Record<string, string>;
};

// A null column is an empty field and an empty string a quoted empty field, so the two stay
// apart. Values stay byte-exact (no formula-escaping prefix), or rows could not be verified.
function toCsvField(value: string | null): string {
  if (value === null) return "";
  return value === "" || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// Comment lines before the header carry what the export covers; CSV readers skip them with
// their comment option (`#`).
export function csvPreamble(header: TExportHeader): string {
  const head = header.chainHead ? `seq ${header.chainHead.seq}, hash ${header.chainHead.hash}` : "empty chain";
  return `# ExoDesk audit export at ${header.exportedAt}\r\n# chain head: ${head}\r\n# view: ${JSON.stringify(header.query)}\r\n${CSV_COLUMNS.join(",")}\r\n`;
}

export function toCsvLine(row: TAuditRow): string {
  return `${toExportTexts(row).map(toCsvField).join(",")}\r\n`;
}

export function jsonlPreamble(header: TExportHeader): string {
  return `${JSON.stringify({ export: header })}\n`;
}

export function toJsonLine(row: TAuditRow): string {
  return `${JSON.stringify({ ...row, seq: row.seq.toString(), at: row.at.toISOString() })}\n`;
}
