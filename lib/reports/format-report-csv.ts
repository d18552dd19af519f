import { stringify, type Options } from "csv-stringify/sync";
import type { TReportRow } from "./query-report";

// The report as CSV for spreadsheets, written by csv-stringify: a cell holding a comma, a
// double quote or a line break is quoted (quotes doubled), lines end in CRLF. Unlike the audit
// export (which must stay byte-exact to be verified), these files are opened in Excel, so a
// cell that would start a formula (=, +, -, @, a tab or carriage return, or their full-width
// forms) gets a leading apostrophe (escape_formulas): display and folder names are typed by people.
// quote_record_delimiter: a lone \n or \r is quoted too (with a custom record_delimiter,
// csv-stringify otherwise quotes only that exact sequence, and a spreadsheet would split the row).
const CSV_OPTIONS: Options = { record_delimiter: "\r\n", quote_record_delimiter: true, escape_formulas: true };

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
const LIST_SEPARATOR = "; ";

function toReportCsvValues(row: TReportRow): (string | null)[] {
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
  return stringify([REPORT_CSV_COLUMNS], CSV_OPTIONS);
}

export function toReportCsvLine(row: TReportRow): string {
  return stringify([toReportCsvValues(row)], CSV_OPTIONS);
}
