import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { buildReport } from "@/lib/reports/build-report";
import { resumeStalledReports } from "@/lib/reports/resume-reports";
import { findReportBuild } from "@/lib/reports/run-report-build";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { countingExchange, expectedRows, KNOWN_DELEGATES, newReport, readTenant, stoppingAfter, storedRows } from "./report-support";

// A builder that stops mid-way (its process died: simulated by stopping it and leaving its
// lease to run out) is resumed by the sweep from the PENDING rows: every mailbox is read once
// and the report completes equal to the emulator. A requester who must sign in again leaves
// the report waiting with a note, not failed.
useMigratedEmbeddedDb();
// One seeded tenant for the whole file: no reset between tests.
const h = useHarness({ resetEachTest: false });
beforeAll(async () => {
  await h.control("POST", "seed-tenant", { mailboxes: 400 });
}, 120_000);

describe("resuming a report", () => {
  it("continues from the PENDING rows after the builder stopped, reading each mailbox once", async () => {
    const tenant = await readTenant(h);
    const counting = countingExchange(h);
    const { exchangeFor, reads } = counting;
    const report = await newReport(DEMO_USERS.helpdesk);
    expect(await buildReport(report.id, { ...stoppingAfter(counting, 150), batchSize: 40 })).toBe("stopped");
    // As if the process had died holding the lease: it is still set, but in the past.
    await getDb().mailboxReport.update({ where: { id: report.id }, data: { builderLeaseUntil: new Date(Date.now() - 1000) } });
    const halfway = await storedRows(report.id);
    expect(halfway.length).toBe(tenant.length);
    const read = halfway.filter((r) => r.state === "READ").length;
    expect(read).toBeGreaterThanOrEqual(150);
    expect(read).toBeLessThan(tenant.length);

    expect(await resumeStalledReports({ exchangeFor })).toEqual([report.id]);
    expect(await findReportBuild(report.id)).toBe("ready");
    expect([...reads.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(reads.size).toBe(tenant.length);
    const rows = await storedRows(report.id);
    expect(rows.map(({ state: _s, ...r }) => r)).toEqual(expectedRows(tenant));
    expect(KNOWN_DELEGATES.map((k) => rows.find((r) => r.address === k.address))).toMatchObject(KNOWN_DELEGATES);
    expect(await getDb().mailboxReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "READY", error: null, total: tenant.length });
    // Its owner is told once, by the builder that finished it.
    const told = await getDb().notification.findMany({ where: { event: "report.finished", link: `/reports/${report.id}` } });
    expect(told).toMatchObject([{ recipientOid: report.requesterOid, subject: `Mailbox report ready: ${tenant.length} mailboxes` }]);
  }, 300_000);

  it("does not resume a report whose builder still holds its lease", async () => {
    const report = await newReport(DEMO_USERS.helpdesk);
    await getDb().mailboxReport.update({ where: { id: report.id }, data: { builderLeaseUntil: new Date(Date.now() + 60_000) } });
    expect(await resumeStalledReports({ exchangeFor: countingExchange(h).exchangeFor })).toEqual([]);
    expect(await buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor })).toBe("busy");
    await getDb().mailboxReport.update({ where: { id: report.id }, data: { status: "FAILED", builderLeaseUntil: null } });
  });

  it("waits with a note while the requester must sign in again, then continues", async () => {
    const report = await newReport(DEMO_USERS.helpdesk);
    const signedOut = async () => {
      throw new AppError("REAUTH_REQUIRED");
    };
    expect(await buildReport(report.id, { exchangeFor: signedOut })).toBe("paused");
    const paused = await getDb().mailboxReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(paused).toMatchObject({ status: "BUILDING", builderLeaseUntil: null });
    expect(paused.error).toMatch(/sign in to ExoDesk again/);
    expect(await buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor })).toBe("ready");
    expect(await getDb().mailboxReport.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ status: "READY", error: null });
  }, 300_000);
});
