import { beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "@/lib/reports/build-report";
import { DEMO_USERS } from "../../emulator/index";
import { useHarness } from "../../emulator/test-support/harness";
import { exchangeAs } from "../support/emulator-exchange";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { countingExchange, expectedRows, newReport, readTenant, stoppingAfter, storedRows } from "./report-support";

// Issue 17 item 3: the report reads SendAs (Get-RecipientPermission) and SendOnBehalf
// (Get-Mailbox's GrantSendOnBehalfTo) once for the whole tenant, paged, and per mailbox only
// what has no tenant-wide form: four calls. A resumed build reads the tenant-wide entries again,
// so a delegate granted while the build was interrupted is in the rows read after it.
useMigratedEmbeddedDb();
const h = useHarness({ resetEachTest: false });
beforeAll(async () => {
  await h.control("POST", "seed-tenant", { mailboxes: 300 });
}, 120_000);

type TCall = { cmdlet: string; parameters: Record<string, unknown> | null; nextPage: boolean; status: number };

async function callsDuring(build: () => Promise<unknown>): Promise<TCall[]> {
  await h.control("DELETE", "calls");
  await build();
  return (await h.control<{ calls: TCall[] }>("GET", "calls")).calls;
}

// The mailbox a per-mailbox call is about: folder identities are "<mailbox>:\<folder>".
const mailboxOf = (c: TCall) => String(c.parameters?.Identity).split(":\\")[0]!.toLowerCase();

describe("the report's tenant-wide reads", () => {
  it("makes four calls per mailbox plus one paged read each of the listing, SendAs and SendOnBehalf, with the same rows", async () => {
    const tenant = await readTenant(h);
    const report = await newReport(DEMO_USERS.helpdesk);
    let outcome: string | undefined;
    const calls = await callsDuring(async () => {
      outcome = await buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor });
    });
    expect(outcome).toBe("ready");
    expect(calls.filter((c) => c.status !== 200)).toEqual([]);

    const perMailbox = new Map<string, string[]>();
    for (const c of calls.filter((c) => c.parameters?.Identity !== undefined)) perMailbox.set(mailboxOf(c), [...(perMailbox.get(mailboxOf(c)) ?? []), c.cmdlet]);
    expect(perMailbox.size).toBe(tenant.length);
    const shapes = new Set([...perMailbox.values()].map((cmdlets) => cmdlets.join(",")));
    expect(shapes).toEqual(new Set(["Get-MailboxAutoReplyConfiguration,Get-MailboxPermission,Get-MailboxFolderStatistics,Get-MailboxFolderPermission"]));

    const tenantWide = calls.filter((c) => c.parameters?.Identity === undefined);
    const firstPages = tenantWide.filter((c) => !c.nextPage).map((c) => [c.cmdlet, c.parameters?.ResultSize]);
    expect(firstPages.sort()).toEqual([
      ["Get-Mailbox", "Unlimited"],
      ["Get-Recipient", "Unlimited"],
      ["Get-RecipientPermission", "Unlimited"],
    ]);

    const rows = await storedRows(report.id);
    expect(rows.map(({ state: _s, ...r }) => r)).toEqual(expectedRows(tenant));
    expect(rows.filter((r) => r.sendAs.length > 0).length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.sendOnBehalf.length > 0).length).toBeGreaterThan(10);
  }, 300_000);

  it("under a Sales read scope holds the SendAs entries of the Sales mailboxes", async () => {
    const sales = (await readTenant(h)).filter((m) => m.department.toLowerCase() === "sales");
    const report = await newReport(DEMO_USERS.scopedHelpdesk);
    expect(await buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor })).toBe("ready");
    const explicitSendAs = (m: (typeof sales)[number]) => m.recipientPermissions.filter((e) => e.accessControlType === "Allow" && !e.isInherited && !e.trustee.startsWith("NT AUTHORITY\\")).length;
    const rows = await storedRows(report.id);
    expect(rows.map((r) => [r.address, r.sendAs.length, r.sendOnBehalf.length])).toEqual(
      expectedRows(sales).map((r) => [r.address, explicitSendAs(sales.find((m) => m.primarySmtpAddress === r.address)!), r.sendOnBehalf.length]),
    );
    expect(rows.some((r) => r.sendAs.length > 0)).toBe(true);
  }, 300_000);

  it("reads them again when a stopped build resumes, so a delegate granted meanwhile is in the later rows", async () => {
    const counting = countingExchange(h);
    const report = await newReport(DEMO_USERS.helpdesk);
    expect(await buildReport(report.id, { ...stoppingAfter(counting, 60), batchSize: 20 })).toBe("stopped");
    const pending = (await storedRows(report.id)).filter((r) => r.state === "PENDING");
    expect(pending.length).toBeGreaterThan(100);
    const target = pending.at(-1)!.address;
    const delegate = "adele.vance@contoso.onmicrosoft.com";
    const ex = await exchangeAs(h, DEMO_USERS.helpdesk);
    await ex.invoke("Add-RecipientPermission", { Identity: target, Trustee: delegate, AccessRights: ["SendAs"] });
    await ex.invoke("Set-Mailbox", { Identity: target, GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", Add: [delegate] } });

    expect(await buildReport(report.id, { exchangeFor: counting.exchangeFor })).toBe("ready");
    const rows = await storedRows(report.id);
    expect(rows.find((r) => r.address === target)).toMatchObject({ sendAs: expect.arrayContaining([delegate]), sendOnBehalf: expect.arrayContaining([delegate]) });
    expect(rows.map(({ state: _s, ...r }) => r)).toEqual(expectedRows(await readTenant(h)));
  }, 300_000);

  it("reads them again for a batch once they are older than the build allows", async () => {
    const report = await newReport(DEMO_USERS.helpdesk);
    const tenant = await readTenant(h);
    const batchSize = 100;
    const calls = await callsDuring(() => buildReport(report.id, { exchangeFor: countingExchange(h).exchangeFor, batchSize, tenantReadMaxAgeMs: 0 }));
    const sendAsReads = calls.filter((c) => c.cmdlet === "Get-RecipientPermission" && !c.nextPage);
    expect(sendAsReads).toHaveLength(Math.ceil(tenant.length / batchSize));
    expect(sendAsReads.every((c) => c.parameters?.Identity === undefined)).toBe(true);
  }, 300_000);
});
