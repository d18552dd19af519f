import { beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness } from "./test-support/harness";

// Get-RecipientPermission without Identity: every SendAs entry in the caller's read scope, as the
// mailbox report reads them once for the whole tenant (tests/emulator/README.md has the sources).
const h = useHarness({ resetEachTest: false });
beforeAll(async () => {
  await h.control("POST", "seed-tenant", { mailboxes: 1_200 });
}, 120_000);

type Stored = { name: string; department: string; recipientPermissions: { trustee: string }[] };
type Entry = { Identity: string; Trustee: string; AccessRights: string[] };

const MORE = "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const key = (identity: string, trustee: string) => `${identity}|${trustee}`.toLowerCase();

async function stored(): Promise<Stored[]> {
  return (await h.control<{ mailboxes: Stored[] }>("GET", "state")).mailboxes;
}

async function readAll(upn: string, pageSize: number): Promise<{ entries: Entry[]; pages: number }> {
  const token = await h.accessToken(upn);
  const entries: Entry[] = [];
  let url: string | undefined;
  let pages = 0;
  do {
    const res = await h.invoke(token, "Get-RecipientPermission", { ResultSize: "Unlimited" }, { headers: { Prefer: `odata.maxpagesize=${pageSize}` }, ...(url ? { url } : {}) });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body["@adminapi.warnings"] ?? []).toEqual([]);
    entries.push(...body.value);
    url = body["@odata.nextLink"];
    pages++;
  } while (url);
  return { entries, pages };
}

describe("Get-RecipientPermission without Identity", () => {
  test("lists every mailbox's entries, NT AUTHORITY\\SELF included, each named by its mailbox's Name (a GUID for many)", async () => {
    const tenant = await stored();
    const { entries } = await readAll(DEMO_USERS.helpdesk, 1000);
    const expected = tenant.flatMap((m) => m.recipientPermissions.map((e) => key(m.name, e.trustee)));
    expect(entries.map((e) => key(e.Identity, e.Trustee)).sort()).toEqual(expected.sort());
    expect(entries.filter((e) => e.Trustee === "NT AUTHORITY\\SELF")).toHaveLength(tenant.length);
    expect(entries.every((e) => e.AccessRights.includes("SendAs"))).toBe(true);
    expect(entries.filter((e) => GUID.test(e.Identity)).length).toBeGreaterThan(300);
  });

  test("returns 1,000 entries by default, with Exchange's warning that more exist; a ResultSize is honoured; Unlimited warns of nothing", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const total = (await stored()).reduce((n, m) => n + m.recipientPermissions.length, 0);
    expect(total).toBeGreaterThan(1000);
    const byDefault = (await h.invoke(token, "Get-RecipientPermission", {})).json();
    expect(byDefault.value).toHaveLength(1000);
    expect(byDefault["@adminapi.warnings"]).toEqual([MORE]);
    const ten = (await h.invoke(token, "Get-RecipientPermission", { ResultSize: 10 })).json();
    expect(ten.value).toHaveLength(10);
    expect(ten["@adminapi.warnings"]).toEqual([MORE]);
    // Unlimited: a first page of 1,000 (the largest page) with a next link and no warning.
    const all = (await h.invoke(token, "Get-RecipientPermission", { ResultSize: "Unlimited" })).json();
    expect(all.value).toHaveLength(1000);
    expect(all["@odata.nextLink"]).toBeTruthy();
    expect(all["@adminapi.warnings"] ?? []).toEqual([]);
    expect((await readAll(DEMO_USERS.helpdesk, 1000)).entries).toHaveLength(total);
  });

  test("pages with Prefer: odata.maxpagesize, smaller pages adding up to the same entries in the same order", async () => {
    const whole = await readAll(DEMO_USERS.helpdesk, 1000);
    const paged = await readAll(DEMO_USERS.helpdesk, 250);
    expect(whole.pages).toBe(2);
    expect(paged.pages).toBe(Math.ceil(whole.entries.length / 250));
    expect(paged.entries).toEqual(whole.entries);
  });

  test("keeps to the caller's read scope: scoped.helpdesk gets the Sales mailboxes' entries only", async () => {
    const sales = (await stored()).filter((m) => m.department === "Sales");
    const { entries } = await readAll(DEMO_USERS.scopedHelpdesk, 1000);
    expect(entries.map((e) => key(e.Identity, e.Trustee)).sort()).toEqual(sales.flatMap((m) => m.recipientPermissions.map((e) => key(m.name, e.trustee))).sort());
    expect(new Set(entries.map((e) => e.Identity)).size).toBe(sales.length);
  });
});
