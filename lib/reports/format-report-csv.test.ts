import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { REPORT_CSV_COLUMNS, reportCsvHeader, toReportCsvLine } from "./format-report-csv";
import type { TReportRow } from "./query-report";

const row: TReportRow = {
  address: "adele.vance@contoso.onmicrosoft.com",
  displayName: '=HYPERLINK("http://evil","click"), "Adele"',
  department: "+Sales",
  kind: "UserMailbox",
  state: "READ",
  error: null,
  autoReplyState: "Scheduled",
  startTime: new Date("2030-07-01T07:00:00Z"),
  endTime: new Date("2030-07-08T07:00:00Z"),
  externalAudience: "Known",
  fullAccess: ["alex.wilber@contoso.onmicrosoft.com", "megan.bowen@contoso.onmicrosoft.com"],
  sendAs: [],
  sendOnBehalf: ["-cmd|' /C calc'!A0"],
  calendar: ["megan.bowen@contoso.onmicrosoft.com: Editor (Delegate, CanViewPrivateItems)"],
};

// A row that is empty but for its first cell, so a test reads that cell's encoding alone.
const blank: TReportRow = {
  address: "", displayName: "", department: null, kind: "", state: "PENDING", error: null, autoReplyState: null,
  startTime: null, endTime: null, externalAudience: null, fullAccess: [], sendAs: [], sendOnBehalf: [], calendar: [],
};
const REST_OF_BLANK_ROW = `,,,,not yet${",".repeat(9)}\r\n`;

function firstCell(address: string): string {
  const line = toReportCsvLine({ ...blank, address });
  expect(line.endsWith(REST_OF_BLANK_ROW)).toBe(true);
  return line.slice(0, -REST_OF_BLANK_ROW.length);
}

describe("report CSV", () => {
  it("quotes commas, quotes and line breaks, and ends each line with CRLF", () => {
    expect(firstCell('a,"b"\r\nc')).toBe('"a,""b""\r\nc"');
    expect(firstCell("line\nbreak")).toBe('"line\nbreak"');
    expect(firstCell("carriage\rreturn")).toBe('"carriage\rreturn"');
    expect(firstCell("plain")).toBe("plain");
    expect(reportCsvHeader()).toBe(`${REPORT_CSV_COLUMNS.join(",")}\r\n`);
  });

  it("neutralises every cell that a spreadsheet would run as a formula, full-width forms included", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20"]) expect(firstCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(firstCell("a=1")).toBe("a=1");
  });

  it("parses back to the same values (after the apostrophe a spreadsheet hides)", () => {
    const [record] = parse(reportCsvHeader() + toReportCsvLine(row), { columns: true }) as Record<string, string>[];
    expect(Object.keys(record!)).toEqual([...REPORT_CSV_COLUMNS]);
    expect(record).toMatchObject({
      address: row.address,
      display_name: `'${row.displayName}`,
      department: "'+Sales",
      read: "yes",
      auto_reply_state: "Scheduled",
      auto_reply_start_utc: "2030-07-01T07:00:00.000Z",
      full_access: "alex.wilber@contoso.onmicrosoft.com; megan.bowen@contoso.onmicrosoft.com",
      send_as: "",
      send_on_behalf: "'-cmd|' /C calc'!A0",
      calendar: row.calendar[0],
    });
  });
});
