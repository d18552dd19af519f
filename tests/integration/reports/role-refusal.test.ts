import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { buildReport } from "@/lib/reports/build-report";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { countingExchange, sessionUser } from "./report-support";

// Issue 14 point 2: a report requested by someone whose Exchange roles do not allow the reads
// does not pause waiting for a sign-in that cannot help: it fails, saying which role is missing.
useMigratedEmbeddedDb();
const h = useHarness();

describe("a report requested without an Exchange role", () => {
  it.each(["unauthorized", "command-not-found", "forbidden"] as const)("%s form: FAILED with the role refusal, not paused for sign-in", async (form) => {
    await h.control("POST", "quirks", { roleRefusal: form });
    const user = sessionUser(DEMO_USERS.noexchange);
    const report = await getDb().mailboxReport.create({ data: { tenantId: user.tid, requesterOid: user.oid, requesterUpn: user.upn, requesterName: user.name, status: "BUILDING" } });
    expect(await buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor })).toBe("failed");
    const stored = await getDb().mailboxReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.status).toBe("FAILED");
    expect(stored.error).toContain("Your Exchange roles do not allow");
    expect(stored.error).not.toMatch(/sign in/i);
    // Its owner is told, with the reason (lib/notifications).
    const told = await getDb().notification.findMany({ where: { event: "report.finished", link: `/reports/${report.id}` } });
    expect(told).toMatchObject([{ recipientOid: user.oid, subject: "Mailbox report failed" }]);
    expect(told[0]!.text).toContain("Your Exchange roles do not allow");
  });
});
