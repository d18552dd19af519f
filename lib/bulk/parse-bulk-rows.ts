import { parse } from "csv-parse/sync";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { normaliseIdentity, sameIdentity } from "@/lib/exchange/identity";
import { bulkListError, MAX_BULK_ROWS } from "@/lib/forms/limits";

// A pasted or uploaded list of mailboxes, checked row by row before anything is submitted:
// one address per line, or a CSV whose header names the address column (an export from
// Exchange's admin centre or Entra ID works as it is).
export const MAX_BULK_ITEMS = MAX_BULK_ROWS;
const ADDRESS_HEADERS = ["address", "emailaddress", "email", "mail", "primarysmtpaddress", "userprincipalname", "upn", "identity", "mailbox"];
const ADDRESS = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

export type TBulkRow = {
  line: number; // in the person's file or text, for the message
  input: string;
  // Set when the row can be submitted.
  mailbox: { address: string; displayName: string; department: string | null } | null;
  error: string | null;
};

export type TParsedList = { rows: TBulkRow[]; error: string | null };

function normaliseHeader(cell: string): string {
  return cell.toLowerCase().replace(/[^a-z]/g, "");
}

// The list's cells, each with the line it came from.
function readCells(text: string): { line: number; cells: string[] }[] {
  const records = parse(text.replace(/\r\n?/g, "\n"), {
    bom: true,
    delimiter: [",", ";", "\t"],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map(({ record, info }) => ({ line: info.lines, cells: record })).filter((r) => r.cells.some((c) => c !== ""));
}

export function parseBulkList(text: string): TParsedList {
  // The same size, text and row checks the page makes before posting, for posts that skip it.
  const tooBig = bulkListError(text);
  if (tooBig) return { rows: [], error: tooBig };
  let records: { line: number; cells: string[] }[];
  try {
    records = readCells(text);
  } catch (e) {
    return { rows: [], error: `The list could not be read as CSV (${e instanceof Error ? e.message : "unknown reason"}). Paste one address per line instead.` };
  }
  if (records.length === 0) return { rows: [], error: "The list is empty. Paste or upload at least one address." };

  let column = 0;
  const first = records[0]!;
  const headerColumn = first.cells.findIndex((c) => ADDRESS_HEADERS.includes(normaliseHeader(c)));
  if (headerColumn >= 0) {
    column = headerColumn;
    records = records.slice(1);
  } else if (!first.cells.some((c) => ADDRESS.test(c)) && first.cells.length > 1) {
    return { rows: [], error: `The first line looks like a header, but no column is called "Address", "Email" or "UserPrincipalName". Rename the address column or paste only the addresses.` };
  }
  if (records.length > MAX_BULK_ITEMS) {
    return { rows: [], error: `The list has ${records.length} rows; one bulk change takes at most ${MAX_BULK_ITEMS}. Split it.` };
  }

  const seen = new Map<string, number>();
  const rows = records.map(({ line, cells }): TBulkRow => {
    const input = (cells[column] ?? "").replace(/^mailto:/i, "");
    const key = normaliseIdentity(input);
    let error: string | null = null;
    if (input === "") error = "No address in this row.";
    else if (!ADDRESS.test(input)) error = `"${input}" is not an email address.`;
    else if (seen.has(key)) error = `Listed already on line ${seen.get(key)}.`;
    else seen.set(key, line);
    return { line, input, mailbox: null, error };
  });
  return { rows, error: null };
}

// Matches each well-formed row with a mailbox the person's Exchange scope shows (by primary
// address, UPN or alias), so rows that cannot run are refused before submission.
export function matchBulkRows(rows: TBulkRow[], directory: TRecipient[]): TBulkRow[] {
  const byKey = new Map<string, TRecipient>();
  for (const r of directory) {
    for (const key of [r.address, r.upn, r.alias]) if (key) byKey.set(normaliseIdentity(key), r);
  }
  const taken = new Map<string, number>();
  return rows.map((row) => {
    if (row.error) return row;
    const found = byKey.get(normaliseIdentity(row.input));
    if (!found) return { ...row, error: `No mailbox "${row.input}" in the part of Exchange you can see.` };
    const address = normaliseIdentity(found.address);
    const earlier = taken.get(address);
    if (earlier !== undefined) return { ...row, error: `The same mailbox as line ${earlier} (${found.address}).` };
    taken.set(address, row.line);
    return { ...row, mailbox: { address: found.address, displayName: found.displayName, department: found.department } };
  });
}

// Every mailbox of one department, as rows (the department filter).
export function departmentRows(directory: TRecipient[], department: string): TBulkRow[] {
  return directory
    .filter((r) => r.department !== null && sameIdentity(r.department, department))
    .sort((a, b) => a.address.localeCompare(b.address))
    .map((r, i) => ({ line: i + 1, input: r.address, mailbox: { address: r.address, displayName: r.displayName, department: r.department }, error: null }));
}

export function listDepartments(directory: TRecipient[]): string[] {
  return [...new Set(directory.map((r) => r.department).filter((d): d is string => Boolean(d)))].sort((a, b) => a.localeCompare(b));
}
