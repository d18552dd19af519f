import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { Harness, useHarness } from "./test-support/harness";

const h = useHarness();

type StoredMailbox = {
  alias: string;
  name: string;
  department: string;
  recipientTypeDetails: string;
  regional: { timeZone: string | null };
  autoReply: { autoReplyState: string; internalMessage: string | null; externalMessage: string | null; externalAudience: string };
  mailboxPermissions: { user: string }[];
  recipientPermissions: { trustee: string }[];
  grantSendOnBehalfTo: string[];
  calendar: { permissions: { user: string; sharingPermissionFlags: string | null }[] };
};

const UNLIMITED = { ResultSize: "Unlimited" };

async function readAll(token: string, cmdlet: string, pageSize: number): Promise<{ names: string[]; pageMs: number[] }> {
  const names: string[] = [];
  const pageMs: number[] = [];
  let url: string | undefined;
  do {
    const started = performance.now();
    const res = await h.invoke(token, cmdlet, UNLIMITED, { headers: { Prefer: `odata.maxpagesize=${pageSize}` }, ...(url ? { url } : {}), query: "?$select=Name" });
    pageMs.push(performance.now() - started);
    expect(res.status).toBe(200);
    const body = res.json();
    names.push(...body.value.map((r: { Name: string }) => r.Name));
    url = body["@odata.nextLink"];
  } while (url);
  return { names, pageMs };
}

describe("POST /_emulator/seed-tenant {mailboxes}", () => {
  test("seeds 5,000 varied mailboxes in well under a few seconds, the same on every run; repeating adds nothing", async () => {
    const started = performance.now();
    const result = await h.control("POST", "seed-tenant", { mailboxes: 5000 });
    // About 0.3 s on an idle machine; the margin is for a busy CI runner.
    expect(performance.now() - started).toBeLessThan(4000);
    expect(result).toMatchObject({ created: 5000, generated: 5000 });
    expect(result.departments.Sales / 5000).toBeGreaterThan(0.2);
    expect(result.total).toBe((await h.control("GET", "state")).mailboxes.length);
    expect(await h.control("POST", "seed-tenant", { mailboxes: 5000 })).toMatchObject({ created: 0, total: result.total });

    const all: StoredMailbox[] = (await h.control("GET", "state")).mailboxes;
    const sample = all.filter((_, i) => i % 97 === 0);
    await h.control("POST", "reset");
    await h.control("POST", "seed-tenant", { mailboxes: 5000 });
    const again: StoredMailbox[] = (await h.control("GET", "state")).mailboxes;
    expect(again.filter((_, i) => i % 97 === 0)).toEqual(sample);

    const generated = all.slice(all.length - 5000);
    const count = (p: (m: StoredMailbox) => boolean) => generated.filter(p).length;
    for (const kind of ["UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox"]) expect(count((m) => m.recipientTypeDetails === kind), kind).toBeGreaterThan(0);
    expect(new Set(generated.map((m) => m.department)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(generated.map((m) => m.regional.timeZone)).size).toBeGreaterThanOrEqual(10);
    expect(count((m) => m.regional.timeZone === null)).toBeGreaterThan(0);
    expect(count((m) => m.autoReply.autoReplyState === "Enabled" && !!m.autoReply.internalMessage)).toBeGreaterThan(250);
    expect(count((m) => m.autoReply.autoReplyState === "Scheduled")).toBeGreaterThan(250);
    expect(new Set(generated.filter((m) => m.autoReply.autoReplyState !== "Disabled").map((m) => m.autoReply.externalAudience))).toEqual(new Set(["All", "Known", "None"]));
    const upns = new Set(generated.map((m) => `${m.alias}@contoso.onmicrosoft.com`));
    const flags = generated.flatMap((m) => m.calendar.permissions.filter((p) => upns.has(p.user)).map((p) => p.sharingPermissionFlags));
    expect(new Set(flags)).toEqual(new Set([null, "Delegate", "Delegate, CanViewPrivateItems"]));
    expect(count((m) => m.mailboxPermissions.some((p) => upns.has(p.user)))).toBeGreaterThan(100);
    expect(count((m) => m.recipientPermissions.some((p) => upns.has(p.trustee)))).toBeGreaterThan(100);
    expect(count((m) => m.grantSendOnBehalfTo.some((u) => upns.has(u)))).toBeGreaterThan(100);
  });

  test("Get-Mailbox and Get-Recipient page over 5,000 without slowing down page by page; per-mailbox cmdlets stay fast", async () => {
    await h.control("POST", "seed-tenant", { mailboxes: 5000 });
    const total = (await h.control("GET", "state")).mailboxes.length;
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    for (const cmdlet of ["Get-Mailbox", "Get-Recipient"]) {
      const { names, pageMs } = await readAll(token, cmdlet, 100);
      expect(names, cmdlet).toHaveLength(total);
      expect(new Set(names).size, cmdlet).toBe(total);
      // Later pages are served from the stored result: none costs more than the early ones do.
      const later = pageMs.slice(1);
      const median = [...later].sort((a, b) => a - b)[Math.floor(later.length / 2)]!;
      expect(later.slice(-10).reduce((a, b) => a + b, 0) / 10, cmdlet).toBeLessThan(median * 4 + 20);
    }
    const target = (await h.invoke(token, "Get-Recipient", { Anr: "viktor.w.zhou" })).json().value;
    expect(target.length).toBeLessThanOrEqual(1);
    const started = performance.now();
    for (const cmdlet of ["Get-MailboxAutoReplyConfiguration", "Get-MailboxPermission", "Get-RecipientPermission", "Get-MailboxRegionalConfiguration"]) {
      for (let i = 0; i < 10; i++) expect((await h.invoke(token, cmdlet, { Identity: `aaron.b.abbott@contoso.onmicrosoft.com` })).status, cmdlet).toBe(200);
    }
    expect((await h.invoke(token, "Get-MailboxFolderStatistics", { Identity: "aaron.b.abbott", FolderScope: "Calendar" })).status).toBe(200);
    expect((performance.now() - started) / 41).toBeLessThan(100);
  });

  test("scoped.helpdesk reads only the Sales share of the large tenant", async () => {
    const { departments } = await h.control("POST", "seed-tenant", { mailboxes: 2000 });
    const state = (await h.control("GET", "state")).mailboxes as StoredMailbox[];
    const sales = state.filter((m) => m.department === "Sales").length;
    expect(sales).toBeGreaterThan(departments.Sales);
    const token = await h.accessToken(DEMO_USERS.scopedHelpdesk);
    const { names } = await readAll(token, "Get-Recipient", 1000);
    expect(names).toHaveLength(sales);
  });

  test("bad requests are refused", async () => {
    const post = (mailboxes: unknown) => h.request("/_emulator/seed-tenant", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ mailboxes }) });
    for (const bad of [0, 1.5, "5000", 1_000_000]) expect((await post(bad)).status, String(bad)).toBe(400);
    expect((await h.request("/_emulator/seed-mailboxes", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ count: 10_000 }) })).status).toBe(200);
  });
});

describe("startEmulator({ mailboxes })", () => {
  let big: Harness;
  beforeAll(async () => {
    big = await Harness.start({ mailboxes: 1500 });
  });
  afterAll(async () => {
    await big?.close();
  });

  test("starts with the large tenant, and reset brings it back", async () => {
    const size = (await big.control("GET", "state")).mailboxes.length;
    expect(size).toBeGreaterThan(1500);
    await big.control("POST", "reset");
    expect((await big.control("GET", "state")).mailboxes.length).toBe(size);
    expect(await big.control("POST", "seed-tenant", { mailboxes: 1500 })).toMatchObject({ created: 0 });
  });
});
