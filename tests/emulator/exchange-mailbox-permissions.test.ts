import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const run = useSignedIn(h, DEMO_USERS.admin);

const stateOf = (alias: string) => h.control("GET", `state/mailboxes/${alias}`);
const DN = (alias: string) => `CN=${alias},OU=contoso.onmicrosoft.com,OU=Microsoft Exchange Hosted Organizations,DC=NAMPR01A001,DC=PROD,DC=OUTLOOK,DC=COM`;

describe("Get-MailboxPermission", () => {
  test("lists SELF, the explicit entries by UPN, then the inherited system entries; never AutoMapping", async () => {
    const res = await run("Get-MailboxPermission", { Identity: SEED_MAILBOXES.salesShared });
    expect(res.status).toBe(200);
    const rows = res.json().value as Record<string, unknown>[];
    expect(rows.slice(0, 3)).toMatchObject([
      { Identity: "Sales Shared", User: "NT AUTHORITY\\SELF", AccessRights: ["FullAccess", "ReadPermission"], IsInherited: false, Deny: false, UserSid: "S-1-5-10" },
      { User: SEED_MAILBOXES.adeleVance, AccessRights: ["FullAccess"], IsInherited: false, Deny: false, InheritanceType: "All" },
      { User: "alex.wilber@contoso.onmicrosoft.com", AccessRights: ["FullAccess"], IsInherited: false },
    ]);
    expect(rows[0]!["AccessRights@odata.type"]).toBe("#Collection(String)");
    const inherited = rows.slice(3);
    expect(inherited.length).toBeGreaterThan(5);
    expect(inherited.every((r) => r.IsInherited === true)).toBe(true);
    expect(inherited).toContainEqual(expect.objectContaining({ User: "NAMPR01A001\\Organization Management", Deny: true, AccessRights: ["FullAccess"] }));
    expect(inherited).toContainEqual(expect.objectContaining({ User: "NT AUTHORITY\\SYSTEM", Deny: false }));
    expect(rows.some((r) => "AutoMapping" in r)).toBe(false);
  });

  test("-User narrows to that trustee, in any identity form; none is an empty list; unknown is NotFound", async () => {
    const adele = (await run("Get-Mailbox", { Identity: "adele.vance" })).json().value[0];
    for (const user of ["adele.vance", "Adele Vance", SEED_MAILBOXES.adeleVance, "adele.vance@contoso.mail.onmicrosoft.com", adele.Guid, adele.ExternalDirectoryObjectId]) {
      const res = await run("Get-MailboxPermission", { Identity: "Sales Shared", User: user });
      expect(res.json().value.map((r: { User: string }) => r.User), user).toEqual([SEED_MAILBOXES.adeleVance]);
    }
    expect((await run("Get-MailboxPermission", { Identity: "sales.shared", User: "megan.bowen" })).json().value).toEqual([]);
    const unknown = await run("Get-MailboxPermission", { Identity: "sales.shared", User: "nobody@contoso.onmicrosoft.com" });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.details[0].message).toContain("ManagementObjectNotFoundException|The operation couldn't be performed because object 'nobody@contoso.onmicrosoft.com' couldn't be found");
  });
});

describe("Add-MailboxPermission and Remove-MailboxPermission", () => {
  test("Add returns the new entry and stores AutoMapping exactly as sent (true and false)", async () => {
    for (const [user, autoMapping] of [["megan.bowen", false], ["Diego Siciliani", true]] as const) {
      const res = await run("Add-MailboxPermission", { Identity: "sales.shared", User: user, AccessRights: ["FullAccess"], AutoMapping: autoMapping, InheritanceType: "All" });
      expect(res.status).toBe(200);
      expect(res.json()["@adminapi.warnings"]).toEqual([]);
      const [entry] = res.json().value;
      expect(entry).toMatchObject({ Identity: "Sales Shared", AccessRights: ["FullAccess"], IsInherited: false, Deny: false, InheritanceType: "All" });
      expect(entry.AutoMapping).toBeUndefined();
    }
    const { mailboxPermissions } = await stateOf("sales.shared");
    expect(mailboxPermissions.slice(-2)).toEqual([
      { user: SEED_MAILBOXES.meganBowen, accessRights: ["FullAccess"], isInherited: false, deny: false, inheritanceType: "All", autoMapping: false },
      { user: "diego.siciliani@contoso.onmicrosoft.com", accessRights: ["FullAccess"], isInherited: false, deny: false, inheritanceType: "All", autoMapping: true },
    ]);
  });

  test("AutoMapping defaults to true when not sent", async () => {
    await run("Add-MailboxPermission", { Identity: "sales.shared", User: "megan.bowen", AccessRights: "FullAccess" });
    const entry = (await stateOf("sales.shared")).mailboxPermissions.find((e: { user: string }) => e.user === SEED_MAILBOXES.meganBowen);
    expect(entry.autoMapping).toBe(true);
  });

  test("a duplicate Add is a 200 with Exchange's warning, changes nothing, and ignores the new AutoMapping", async () => {
    const before = (await stateOf("sales.shared")).mailboxPermissions;
    const res = await run("Add-MailboxPermission", { Identity: "sales.shared", User: "adele.vance", AccessRights: ["FullAccess"], AutoMapping: false });
    expect(res.status).toBe(200);
    expect(res.json()["@adminapi.warnings"]).toEqual([
      `The appropriate access control entry is already present on the object "${DN("sales.shared")}" for account "NAMPR01A001\\adele.vance".`,
    ]);
    expect((await stateOf("sales.shared")).mailboxPermissions).toEqual(before);
  });

  test("Remove deletes the entry; removing a missing one is a 200 with the ACE warning", async () => {
    const removed = await run("Remove-MailboxPermission", { Identity: "sales.shared", User: "alex.wilber", AccessRights: ["FullAccess"], InheritanceType: "All", Confirm: false });
    expect(removed.status).toBe(200);
    expect(removed.json()).toMatchObject({ "@adminapi.warnings": [], value: [] });
    const users = (await stateOf("sales.shared")).mailboxPermissions.map((e: { user: string }) => e.user);
    expect(users).toEqual(["NT AUTHORITY\\SELF", SEED_MAILBOXES.adeleVance]);
    const again = await run("Remove-MailboxPermission", { Identity: "sales.shared", User: "alex.wilber", AccessRights: ["FullAccess"], Confirm: false });
    expect(again.status).toBe(200);
    expect(again.json()["@adminapi.warnings"]).toEqual([
      `Can't remove the access control entry on the object "${DN("sales.shared")}" for account "NAMPR01A001\\alex.wilber" because the ACE doesn't exist on the object.`,
    ]);
  });

  test("removing an inherited entry is ignored with Exchange's warning", async () => {
    const res = await run("Remove-MailboxPermission", { Identity: "sales.shared", User: "NT AUTHORITY\\SYSTEM", AccessRights: ["FullAccess"], Confirm: false });
    expect(res.json()["@adminapi.warnings"][0]).toMatch(/^An inherited access control entry has been specified: \[Rights: FullAccess, ControlType: Allow\] and was ignored on object "CN=sales\.shared,/);
  });

  test("an unknown user, an unknown mailbox and a bad right are refused as Exchange refuses them", async () => {
    const user = await run("Add-MailboxPermission", { Identity: "sales.shared", User: "nobody", AccessRights: ["FullAccess"] });
    expect(user.status).toBe(404);
    expect(user.json().error.code).toBe("NotFound");
    expect(user.json().error.details[0].message).toMatch(/ManagementObjectNotFoundException\|.*object 'nobody' couldn't be found/);
    const mailbox = await run("Add-MailboxPermission", { Identity: "no.such.box", User: "megan.bowen", AccessRights: ["FullAccess"] });
    expect(mailbox.status).toBe(404);
    const right = await run("Add-MailboxPermission", { Identity: "sales.shared", User: "megan.bowen", AccessRights: ["SendAs"] });
    expect(right.status).toBe(400);
    expect(right.json().error.innererror.internalexception.message).toMatch(/^Cannot process argument transformation on parameter 'AccessRights'.*FullAccess/);
  });

  test("the mailbox's own user may be given FullAccess (an explicit entry beside SELF)", async () => {
    const res = await run("Add-MailboxPermission", { Identity: "megan.bowen", User: "Megan Bowen", AccessRights: ["FullAccess"], AutoMapping: false });
    expect(res.status).toBe(200);
    expect((await stateOf("megan.bowen")).mailboxPermissions.map((e: { user: string }) => e.user)).toEqual(["NT AUTHORITY\\SELF", SEED_MAILBOXES.meganBowen]);
  });
});

describe("Get-/Add-/Remove-RecipientPermission (SendAs)", () => {
  test("Get lists SELF and the trustees by UPN; -Trustee narrows", async () => {
    const rows = (await run("Get-RecipientPermission", { Identity: "Sales Shared" })).json().value;
    expect(rows).toMatchObject([
      { Identity: "Sales Shared", Trustee: "NT AUTHORITY\\SELF", AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false, InheritanceType: "None" },
      { Identity: "Sales Shared", Trustee: SEED_MAILBOXES.adeleVance, AccessControlType: "Allow", AccessRights: ["SendAs"], IsInherited: false },
    ]);
    const one = (await run("Get-RecipientPermission", { Identity: "sales.shared", Trustee: "Adele Vance" })).json().value;
    expect(one.map((r: { Trustee: string }) => r.Trustee)).toEqual([SEED_MAILBOXES.adeleVance]);
  });

  test("Add returns the entry; a duplicate warns; Remove deletes; a missing one warns", async () => {
    const added = await run("Add-RecipientPermission", { Identity: "sales.shared", Trustee: "megan.bowen@contoso.mail.onmicrosoft.com", AccessRights: ["SendAs"], Confirm: false });
    expect(added.status).toBe(200);
    expect(added.json().value[0]).toMatchObject({ Identity: "Sales Shared", Trustee: SEED_MAILBOXES.meganBowen, AccessControlType: "Allow", AccessRights: ["SendAs"] });
    expect((await stateOf("sales.shared")).recipientPermissions.at(-1)).toEqual({
      trustee: SEED_MAILBOXES.meganBowen, accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None",
    });
    const duplicate = await run("Add-RecipientPermission", { Identity: "sales.shared", Trustee: "Megan Bowen", AccessRights: ["SendAs"], Confirm: false });
    expect(duplicate.status).toBe(200);
    expect(duplicate.json()["@adminapi.warnings"]).toEqual([
      `The appropriate access control entry is already present on the object "${DN("sales.shared")}" for account "NAMPR01A001\\megan.bowen".`,
    ]);
    expect((await stateOf("sales.shared")).recipientPermissions).toHaveLength(3);
    const removed = await run("Remove-RecipientPermission", { Identity: "sales.shared", Trustee: "megan.bowen", AccessRights: ["SendAs"], Confirm: false });
    expect(removed.json()).toMatchObject({ "@adminapi.warnings": [], value: [] });
    const missing = await run("Remove-RecipientPermission", { Identity: "sales.shared", Trustee: "megan.bowen", AccessRights: ["SendAs"], Confirm: false });
    expect(missing.status).toBe(200);
    expect(missing.json()["@adminapi.warnings"]).toEqual([
      `Can't remove the access control entry on the object "${DN("sales.shared")}" for account "NAMPR01A001\\megan.bowen" because the ACE isn't present.`,
    ]);
    expect((await stateOf("sales.shared")).recipientPermissions).toHaveLength(2);
  });

  test("an unknown trustee is NotFound; AccessRights other than SendAs are refused", async () => {
    const unknown = await run("Add-RecipientPermission", { Identity: "sales.shared", Trustee: "ghost@contoso.onmicrosoft.com", AccessRights: ["SendAs"], Confirm: false });
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.details[0].message).toContain("object 'ghost@contoso.onmicrosoft.com' couldn't be found");
    const bad = await run("Add-RecipientPermission", { Identity: "sales.shared", Trustee: "megan.bowen", AccessRights: ["FullAccess"], Confirm: false });
    expect(bad.status).toBe(400);
    expect(bad.json().error.innererror.internalexception.message).toContain("'AccessRights'");
  });
});
