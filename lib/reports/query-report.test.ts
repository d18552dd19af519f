import { describe, expect, it } from "vitest";
import { reportWhere, toLikePattern, ZReportQuery } from "./query-report";

describe("the report's URL query", () => {
  it("has defaults and treats empty fields as absent", () => {
    expect(ZReportQuery.parse({ q: "", autoReply: "", department: "  ", has: "", sort: "", dir: "", page: "" })).toEqual({ sort: "address", dir: "asc", page: 1, q: undefined, department: undefined, autoReply: undefined, has: undefined });
  });

  it("accepts every filter and sort the page offers", () => {
    expect(ZReportQuery.parse({ q: " bowen ", autoReply: "Scheduled", department: "Sales", has: "sendOnBehalf", sort: "calendar", dir: "desc", page: "3" })).toEqual({
      q: "bowen",
      autoReply: "Scheduled",
      department: "Sales",
      has: "sendOnBehalf",
      sort: "calendar",
      dir: "desc",
      page: 3,
    });
  });

  it("refuses bad input with a message for each field", () => {
    const result = ZReportQuery.safeParse({ autoReply: "On", has: "owners", sort: "'; drop table", dir: "up", page: "0", q: "x".repeat(201) });
    expect(result.success).toBe(false);
    const fields = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(Object.keys(fields).sort()).toEqual(["autoReply", "dir", "has", "page", "q", "sort"]);
    expect(fields.page).toBe("Pages start at 1.");
    expect(ZReportQuery.safeParse({ page: "two" }).success).toBe(false);
    expect(ZReportQuery.safeParse({ q: "a\u0000b" }).success).toBe(false);
  });

  it("matches the search text literally and passes every value as a parameter", () => {
    expect(toLikePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
    const sql = reportWhere("8d8ac610-566d-4ef0-9c22-186b2a5ed793", { q: "o'brien", department: "Sales", autoReply: "Enabled", has: "calendar" });
    expect(sql.sql).not.toContain("o'brien");
    expect(sql.values).toEqual(["8d8ac610-566d-4ef0-9c22-186b2a5ed793", "%o'brien%", "%o'brien%", "%o'brien%", "Enabled", "Sales"]);
  });
});
