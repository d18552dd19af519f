import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness } from "./test-support/harness";

const h = useHarness();

const hashTable = (update: Record<string, unknown>) => ({ "@odata.type": "#Exchange.GenericHashTable", ...update });

// Every write of the delegation cmdlets on one mailbox, each a real change once arrange() ran.
function writes(mailbox: string): [string, Record<string, unknown>][] {
  return [
    ["Add-MailboxPermission", { Identity: mailbox, User: "alex.wilber", AccessRights: ["FullAccess"], AutoMapping: false }],
    ["Remove-MailboxPermission", { Identity: mailbox, User: "lee.gu", AccessRights: ["FullAccess"], Confirm: false }],
    ["Add-RecipientPermission", { Identity: mailbox, Trustee: "alex.wilber", AccessRights: ["SendAs"], Confirm: false }],
    ["Remove-RecipientPermission", { Identity: mailbox, Trustee: "lee.gu", AccessRights: ["SendAs"], Confirm: false }],
    ["Set-Mailbox", { Identity: mailbox, GrantSendOnBehalfTo: hashTable({ Add: ["alex.wilber"] }) }],
    ["Add-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar`, User: "alex.wilber", AccessRights: ["Reviewer"] }],
    ["Set-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar`, User: "lee.gu", AccessRights: ["Editor"] }],
    ["Remove-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar`, User: "lee.gu", Confirm: false }],
  ];
}

// Gives lee.gu FullAccess, SendAs and a calendar role on the mailbox, as the admin.
async function arrange(mailbox: string): Promise<void> {
  const admin = await h.accessToken(DEMO_USERS.admin);
  for (const [cmdlet, parameters] of [
    ["Add-MailboxPermission", { Identity: mailbox, User: "lee.gu", AccessRights: ["FullAccess"] }],
    ["Add-RecipientPermission", { Identity: mailbox, Trustee: "lee.gu", AccessRights: ["SendAs"], Confirm: false }],
    ["Add-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar`, User: "lee.gu", AccessRights: ["Reviewer"] }],
  ] as const) {
    expect((await h.invoke(admin, cmdlet, parameters)).status, cmdlet).toBe(200);
  }
}

describe("RBAC on the delegation cmdlets", () => {
  test("View-Only Organization Management reads every kind of delegate but every write is refused as not allowed", async () => {
    const token = await h.accessToken(DEMO_USERS.auditor);
    for (const [cmdlet, parameters] of [
      ["Get-MailboxPermission", { Identity: "sales.shared" }],
      ["Get-RecipientPermission", { Identity: "sales.shared" }],
      ["Get-MailboxFolderStatistics", { Identity: "adele.vance", FolderScope: "Calendar" }],
      ["Get-MailboxFolderPermission", { Identity: "adele.vance:\\Kalender" }],
    ] as const) {
      expect((await h.invoke(token, cmdlet, parameters)).status, cmdlet).toBe(200);
    }
    const before = await h.control("GET", "state/mailboxes/megan.bowen");
    for (const [cmdlet, parameters] of writes("megan.bowen")) {
      const res = await h.invoke(token, cmdlet, parameters);
      expect(res.status, cmdlet).toBe(401);
      expect(res.json().error.message, cmdlet).toBe(`User is not allowed to call ${cmdlet}`);
    }
    expect(await h.control("GET", "state/mailboxes/megan.bowen")).toEqual(before);
  });

  test("a user without an Exchange role cannot even read permissions", async () => {
    const token = await h.accessToken(DEMO_USERS.noexchange);
    expect((await h.invoke(token, "Get-MailboxPermission", { Identity: "sales.shared" })).status).toBe(401);
  });

  test("writescope.helpdesk reads outside Sales, and every write outside Sales fails with the write-scope error", async () => {
    await arrange("megan.bowen");
    const before = await h.control("GET", "state/mailboxes/megan.bowen");
    const token = await h.accessToken(DEMO_USERS.writeScopeHelpdesk);
    expect((await h.invoke(token, "Get-MailboxPermission", { Identity: "megan.bowen" })).status).toBe(200);
    expect((await h.invoke(token, "Get-MailboxFolderPermission", { Identity: "megan.bowen:\\Calendar" })).status).toBe(200);
    for (const [cmdlet, parameters] of writes("megan.bowen")) {
      const res = await h.invoke(token, cmdlet, parameters);
      expect(res.status, cmdlet).toBe(400);
      expect(res.json().error.details[0].message, cmdlet).toBe(
        `ExC4D0E1|Microsoft.Exchange.Configuration.Tasks.TaskException|The operation on mailbox "Megan Bowen" failed because it's out of the current user's write scope. The object 'Megan Bowen' must be within the read scope before and after it's modified. Can't perform the save operation.`,
      );
    }
    expect(await h.control("GET", "state/mailboxes/megan.bowen")).toEqual(before);
  });

  test.each([DEMO_USERS.writeScopeHelpdesk, DEMO_USERS.scopedHelpdesk])("%s's writes inside Sales succeed", async (upn) => {
    await arrange("isaiah.langer");
    const token = await h.accessToken(upn);
    for (const [cmdlet, parameters] of writes("isaiah.langer")) {
      const res = await h.invoke(token, cmdlet, parameters);
      expect(res.status, `${cmdlet} ${res.text()}`).toBe(200);
      expect(res.json()["@adminapi.warnings"], cmdlet).toEqual([]);
    }
    const state = await h.control("GET", "state/mailboxes/isaiah.langer");
    expect(state.mailboxPermissions.map((e: { user: string }) => e.user)).toEqual(["NT AUTHORITY\\SELF", "alex.wilber@contoso.onmicrosoft.com"]);
    expect(state.recipientPermissions.map((e: { trustee: string }) => e.trustee)).toEqual(["NT AUTHORITY\\SELF", "alex.wilber@contoso.onmicrosoft.com"]);
    expect(state.grantSendOnBehalfTo).toEqual(["alex.wilber@contoso.onmicrosoft.com"]);
    expect(state.calendar.permissions.map((e: { user: string }) => e.user)).toEqual(["Default", "Anonymous", "alex.wilber@contoso.onmicrosoft.com"]);
  });
});

describe("Confirm", () => {
  test("by default InvokeCommand asks for no confirmation: removes without Confirm succeed", async () => {
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const res = await h.invoke(token, "Remove-MailboxPermission", { Identity: "sales.shared", User: "alex.wilber", AccessRights: ["FullAccess"] });
    expect(res.status).toBe(200);
    expect(res.json()["@adminapi.warnings"]).toEqual([]);
  });

  test("with the required quirk, Remove-* and Add-RecipientPermission need Confirm false and change nothing without it", async () => {
    expect(await h.control("POST", "quirks", { confirmation: "required" })).toMatchObject({ confirmation: "required", autoReplyTimeFormat: "server-local" });
    await arrange("megan.bowen");
    const before = await h.control("GET", "state/mailboxes/megan.bowen");
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const confirmed = writes("megan.bowen").filter(([cmdlet]) => cmdlet.startsWith("Remove-") || cmdlet === "Add-RecipientPermission");
    expect(confirmed).toHaveLength(4);
    for (const [cmdlet, parameters] of confirmed) {
      for (const confirm of [undefined, true]) {
        const res = await h.invoke(token, cmdlet, { ...parameters, Confirm: confirm });
        expect(res.status, cmdlet).toBe(400);
        expect(res.json().error.details[0].message, cmdlet).toMatch(
          /^ExA81F3C\|System\.Management\.Automation\.Host\.HostException\|A command that prompts the user failed because the host program .* Send "Confirm": false to run it without confirmation\.$/,
        );
      }
    }
    expect(await h.control("GET", "state/mailboxes/megan.bowen")).toEqual(before);
    for (const [cmdlet, parameters] of confirmed) expect((await h.invoke(token, cmdlet, parameters)).status, cmdlet).toBe(200);
    const add = await h.invoke(token, "Add-MailboxPermission", { Identity: "megan.bowen", User: "diego.siciliani", AccessRights: ["FullAccess"] });
    expect(add.status).toBe(200);
  });

  test("the quirk is validated and reset restores the default", async () => {
    const bad = await h.request("/_emulator/quirks", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ confirmation: "maybe" }) });
    expect(bad.status).toBe(400);
    await h.control("POST", "quirks", { confirmation: "required" });
    await h.control("POST", "reset");
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const res = await h.invoke(token, "Remove-RecipientPermission", { Identity: "sales.shared", Trustee: "adele.vance", AccessRights: ["SendAs"] });
    expect(res.status).toBe(200);
  });
});
