import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { buildReport } from "@/lib/reports/build-report";
import { streamReportCsv } from "@/lib/reports/export-report";
import { ZReportQuery } from "@/lib/reports/query-report";
import { findReportBuild } from "@/lib/reports/run-report-build";
import { startReport } from "@/lib/reports/start-report";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { byAddress, countingExchange, expectedRows, parseReportCsv, readTenant, sessionUser, storedRows } from "./report-support";

// The acceptance of issue #8's report: every mailbox of a large tenant (more than one page of
// Get-Recipient) built through the real Exchange client against the emulator, every row equal
// to what the emulator stores, the CSV equal to the rows; and a Sales-scoped helpdesk's report
// holds the Sales mailboxes and nothing else. large-tenant.test.ts runs it for 1,200 mailboxes,
// large-tenant.long.test.ts for 5,000.
export function describeLargeTenantReport(total: number): void {
  useMigratedEmbeddedDb();
  const h = useHarness({ resetEachTest: false });
  beforeAll(async () => {
    const demo = (await readTenant(h)).length;
    await h.control("POST", "seed-tenant", { mailboxes: total - demo });
  }, 120_000);

  describe("the mailbox report of a large tenant", () => {
    it(`reads all ${total.toLocaleString("en")} mailboxes once each, matches the emulator exactly and exports the same rows to CSV`, async () => {
      const tenant = await readTenant(h);
      expect(tenant).toHaveLength(total);
      const { exchangeFor, reads } = countingExchange(h);
      const started = performance.now();
      const { reportId } = await startReport(sessionUser(DEMO_USERS.helpdesk), { exchangeFor });
      const outcome = await findReportBuild(reportId);
      const { error } = await getDb().mailboxReport.findUniqueOrThrow({ where: { id: reportId } });
      expect({ outcome, error }).toEqual({ outcome: "ready", error: null });
      const seconds = (performance.now() - started) / 1000;
      console.log(`report of ${total} mailboxes built in ${seconds.toFixed(1)} s`);

      const report = await getDb().mailboxReport.findUniqueOrThrow({ where: { id: reportId } });
      expect(report).toMatchObject({ status: "READY", total, error: null, builderLeaseUntil: null });
      expect(report.generatedAt).toBeInstanceOf(Date);
      expect([...reads.values()].every((n) => n === 1)).toBe(true);
      expect(reads.size).toBe(total);

      const rows = await storedRows(reportId);
      expect(rows.filter((r) => r.state !== "READ")).toEqual([]);
      const expected = expectedRows(tenant);
      const actual = rows.map(({ state: _s, ...r }) => r);
      // The first difference alone: a diff of thousands of rows is unreadable.
      const first = actual.findIndex((r, i) => JSON.stringify(r) !== JSON.stringify(expected[i]));
      expect(first === -1 ? null : { actual: actual[first], expected: expected[first] }).toBeNull();
      expect(actual.length).toBe(expected.length);
      expect(actual).toEqual(expected);
      // The tenant is varied enough for the comparison to mean something.
      expect(new Set(rows.map((r) => r.autoReplyState))).toEqual(new Set(["Enabled", "Disabled", "Scheduled"]));
      for (const kind of ["fullAccess", "sendAs", "sendOnBehalf", "calendar"] as const) expect(rows.filter((r) => r[kind].length > 0).length).toBeGreaterThan(50);
      // As in current tenants, many people's Name is a GUID, so Get-Mailbox lists those SendOnBehalf
      // delegates by GUID: the rows compared above still name every one of them by address.
      const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      const nameOf = new Map(tenant.map((m) => [m.userPrincipalName.toLowerCase(), (m as { name?: string }).name ?? ""]));
      expect(tenant.flatMap((m) => m.grantSendOnBehalfTo).filter((upn) => GUID.test(nameOf.get(upn.toLowerCase()) ?? "")).length).toBeGreaterThan(50);
      expect(rows.flatMap((r) => [...r.sendOnBehalf, ...r.fullAccess, ...r.sendAs, ...r.calendar]).filter((t) => GUID.test(t.split(":")[0]!))).toEqual([]);

      const csv = await new Response(streamReportCsv(getDb(), reportId, ZReportQuery.parse({}))).text();
      expect(parseReportCsv(csv).sort(byAddress)).toEqual(expected);
    }, 600_000);

    it("as scoped.helpdesk@ (Exchange read scope: Sales) holds only the Sales mailboxes", async () => {
      const tenant = await readTenant(h);
      const sales = tenant.filter((m) => m.department.toLowerCase() === "sales");
      expect(sales.length).toBeGreaterThan(100);
      const { exchangeFor } = countingExchange(h);
      const user = sessionUser(DEMO_USERS.scopedHelpdesk);
      const report = await getDb().mailboxReport.create({
        data: { tenantId: user.tid, requesterOid: user.oid, requesterUpn: user.upn, requesterName: user.name, status: "BUILDING" },
      });
      expect(await buildReport(report.id, { exchangeFor })).toBe("ready");
      const rows = await storedRows(report.id);
      expect(rows.map((r) => r.address).sort()).toEqual(sales.map((m) => m.primarySmtpAddress).sort());
      expect(rows.every((r) => r.state === "READ" && r.department?.toLowerCase() === "sales")).toBe(true);
      const expected = new Map(expectedRows(sales).map((r) => [r.address, r]));
      for (const r of rows) expect([r.autoReplyState, r.startTime, r.endTime]).toEqual([expected.get(r.address)!.autoReplyState, expected.get(r.address)!.startTime, expected.get(r.address)!.endTime]);
    }, 300_000);
  });
}
