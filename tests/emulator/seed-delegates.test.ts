import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness } from "./test-support/harness";

const h = useHarness();

const post = (path: string, body: unknown) =>
  h.request(`/_emulator/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("POST /_emulator/seed-delegates", () => {
  test("gives a mailbox 200 delegates across the four kinds, visible through every cmdlet", async () => {
    const result = await h.control("POST", "seed-delegates", { mailbox: SEED_MAILBOXES.salesShared, count: 200 });
    expect(result).toEqual({
      mailbox: SEED_MAILBOXES.salesShared,
      delegates: 200,
      added: { fullAccess: 50, sendAs: 50, sendOnBehalf: 50, calendar: 50 },
      createdMailboxes: 200,
    });
    const state = await h.control("GET", "state/mailboxes/sales.shared");
    expect(state.mailboxPermissions).toHaveLength(3 + 50);
    expect(state.recipientPermissions).toHaveLength(2 + 50);
    expect(state.grantSendOnBehalfTo).toHaveLength(50);
    expect(state.calendar.permissions).toHaveLength(2 + 50);
    expect(new Set(state.mailboxPermissions.slice(3).map((e: { autoMapping: boolean }) => e.autoMapping))).toEqual(new Set([true, false]));
    expect(state.calendar.permissions.some((e: { sharingPermissionFlags: string | null }) => e.sharingPermissionFlags === "Delegate, CanViewPrivateItems")).toBe(true);

    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const names = (await h.invoke(token, "Get-Mailbox", { Identity: "sales.shared" })).json().value[0].GrantSendOnBehalfTo as string[];
    expect(names).toHaveLength(50);
    // As in current tenants, some people's Name is their directory object id (a GUID).
    const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(names.every((n) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(n) || GUID.test(n))).toBe(true);
    const guids = names.filter((n) => GUID.test(n));
    expect(guids.length).toBeGreaterThan(5);
    expect(guids.length).toBeLessThan(names.length - 5);
    const fullAccess = (await h.invoke(token, "Get-MailboxPermission", { Identity: "sales.shared" })).json().value;
    expect(fullAccess.filter((e: { IsInherited: boolean }) => !e.IsInherited)).toHaveLength(53);
    const folder = (await h.invoke(token, "Get-MailboxFolderPermission", { Identity: "sales.shared:\\Calendar" })).json().value;
    expect(folder).toHaveLength(52);
    const trustee = await h.invoke(token, "Get-Recipient", { Identity: state.grantSendOnBehalfTo[0] });
    expect(trustee.status).toBe(200);
  });

  test("a delegate listed by GUID is a person: Get-Recipient by that GUID gives their name and address", async () => {
    await h.control("POST", "seed-delegates", { mailbox: "megan.bowen", count: 8 });
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const names = (await h.invoke(token, "Get-Mailbox", { Identity: "megan.bowen" })).json().value[0].GrantSendOnBehalfTo as string[];
    const stored = (await h.control("GET", "state/mailboxes/megan.bowen")).grantSendOnBehalfTo as string[];
    expect(names).toHaveLength(stored.length);
    const guid = names.find((n) => /^[0-9a-f-]{36}$/.test(n));
    expect(guid).toBeDefined();
    const person = (await h.invoke(token, "Get-Recipient", { Identity: guid! })).json().value[0];
    expect(person).toMatchObject({ Name: guid, Identity: guid, ExternalDirectoryObjectId: guid });
    expect(person.DisplayName).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(stored).toContain(person.PrimarySmtpAddress.toLowerCase());
  });

  test("is deterministic and idempotent; reset removes what it created", async () => {
    const first = await h.control("POST", "seed-delegates", { mailbox: "sales.shared", count: 8 });
    const delegates = (await h.control("GET", "state/mailboxes/sales.shared")).grantSendOnBehalfTo;
    const again = await h.control("POST", "seed-delegates", { mailbox: "Sales Shared", count: 8 });
    expect(again).toMatchObject({ added: { fullAccess: 0, sendAs: 0, sendOnBehalf: 0, calendar: 0 }, createdMailboxes: 0 });
    const trusteeState = await h.control("GET", `state/mailboxes/${delegates[0]}`);
    await h.control("POST", "reset");
    await expect(h.control("GET", `state/mailboxes/${delegates[0]}`)).rejects.toThrow(/404/);
    expect(await h.control("POST", "seed-delegates", { mailbox: "sales.shared", count: 8 })).toEqual(first);
    expect(await h.control("GET", `state/mailboxes/${delegates[0]}`)).toEqual(trusteeState);
  });

  test("refuses a bad count and an unknown mailbox", async () => {
    expect((await post("seed-delegates", { mailbox: "sales.shared", count: 0 })).status).toBe(400);
    expect((await post("seed-delegates", { mailbox: "sales.shared", count: 1.5 })).status).toBe(400);
    expect((await post("seed-delegates", { mailbox: "sales.shared" })).status).toBe(400);
    expect((await post("seed-delegates", { mailbox: "nobody", count: 5 })).status).toBe(404);
  });
});

describe("GET /_emulator/state/mailboxes/{id}", () => {
  test("shows every kind of delegation as stored, AutoMapping included", async () => {
    const state = await h.control("GET", "state/mailboxes/megan.bowen");
    expect(state.mailboxPermissions).toEqual([
      { user: "NT AUTHORITY\\SELF", accessRights: ["FullAccess", "ReadPermission"], isInherited: false, deny: false, inheritanceType: "All", autoMapping: false },
    ]);
    expect(state.recipientPermissions).toEqual([
      { trustee: "NT AUTHORITY\\SELF", accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None" },
    ]);
    expect(state.grantSendOnBehalfTo).toEqual(["miriam.graham@contoso.onmicrosoft.com"]);
    expect(state.calendar).toEqual({
      name: "Calendar",
      permissions: [
        { user: "Default", accessRights: ["AvailabilityOnly"], sharingPermissionFlags: null },
        { user: "Anonymous", accessRights: ["None"], sharingPermissionFlags: null },
        { user: "miriam.graham@contoso.onmicrosoft.com", accessRights: ["Editor"], sharingPermissionFlags: "Delegate" },
      ],
    });
  });
});
