import type { TReportRow } from "./query-report";

// The report as CSV for spreadsheets. Unlike the audit export (which must stay byte-exact to
// be verified), these files are opened in Excel, so a cell that would start a formula gets a
// leading apostrophe: Exchange display names and folder names are typed by people.

export const REPORT_CSV_COLUMNS = [
  "address",
  "display_name",
  "department",
  "mailbox_type",
  "read",
  "error",
  "auto_reply_state",
  "auto_reply_start_utc",
  "auto_reply_end_utc",
  "external_audience",
  "full_access",
  "send_as",
  "send_on_behalf",
  "calendar",
] as const;

// Delegates of one kind share a cell, separated by "; ".
export const LIST_SEPARATOR = "; ";

// =, +, -, @ start a formula; a tab or carriage return first can hide one.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsvField(value: string | null): string {
  if (value === null || value === "") return "";
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toReportCsvValues(row: TReportRow): (string | null)[] {
  return [
    row.address,
    row.displayName,
    row.department,
    row.kind,
    row.state === "READ" ? "yes" : row.state === "FAILED" ? "failed" : "not yet",
    row.error,
    row.autoReplyState,
    row.startTime?.toISOString() ?? null,
    row.endTime?.toISOString() ?? null,
    row.externalAudience,
    row.fullAccess.join(LIST_SEPARATOR),
    row.sendAs.join(LIST_SEPARATOR),
    row.sendOnBehalf.join(LIST_SEPARATOR),
    row.calendar.join(LIST_SEPARATOR),
  ];
}

export function reportCsvHeader(): string {
  return `${REPORT_CSV_COLUMNS.join(",")}\r\n`;
}

export function toReportCsvLine(row: TReportRow): string {
  return `${toReportCsvValues(row).map(toCsvField).join(",")}\r\n`;
}
