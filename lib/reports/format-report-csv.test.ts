import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { REPORT_CSV_COLUMNS, reportCsvHeader, toCsvField, toReportCsvLine } from "./format-report-csv";
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

describe("report CSV", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(toCsvField('a,"b"\r\nc')).toBe('"a,""b""\r\nc"');
    expect(toCsvField("plain")).toBe("plain");
    expect(toCsvField(null)).toBe("");
  });

  it("neutralises every cell that a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(toCsvField(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
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
