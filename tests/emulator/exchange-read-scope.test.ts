import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness } from "./test-support/harness";

const h = useHarness();

const notFound = (identity: string) =>
  `Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object '${identity}' couldn't be found on 'CO1PR01A001DC001.NAMPR01A001.PROD.OUTLOOK.COM'.`;

type Recipient = { Name: string; Department: string };

describe("read scope of scoped.helpdesk (an assignment scoped to the Sales unit)", () => {
  test("Get-Recipient and Get-Mailbox list only Sales recipients, paged or not", async () => {
    const token = await h.accessToken(DEMO_USERS.scopedHelpdesk);
    const state = await h.control("GET", "state");
    const sales = state.mailboxes.filter((m: { department: string }) => m.department === "Sales").map((m: { name: string }) => m.name).sort();
    const recipients: Recipient[] = (await h.invoke(token, "Get-Recipient", { ResultSize: "Unlimited" })).json().value;
    expect(recipients.map((r) => r.Department)).toEqual(sales.map(() => "Sales"));
    expect(recipients.map((r) => r.Name).sort()).toEqual(sales);
    const first = (await h.invoke(token, "Get-Mailbox", { ResultSize: "Unlimited" }, { headers: { Prefer: "odata.maxpagesize=5" } })).json();
    const rest = (await h.invoke(token, "Get-Mailbox", { ResultSize: "Unlimited" }, { url: first["@odata.nextLink"] })).json();
    expect([...first.value, ...rest.value].map((m: Recipient) => m.Name).sort()).toEqual(sales);
    const everyone = await h.accessToken(DEMO_USERS.helpdesk);
    expect((await h.invoke(everyone, "Get-Mailbox", { ResultSize: "Unlimited" })).json().value.length).toBeGreaterThan(sales.length);
  });

  test("Anr finds nothing outside Sales; Identity outside Sales is Exchange's not-found", async () => {
    const token = await h.accessToken(DEMO_USERS.scopedHelpdesk);
    expect((await h.invoke(token, "Get-Recipient", { Anr: "megan" })).json().value).toEqual([]);
    expect((await h.invoke(token, "Get-Recipient", { Anr: "adele" })).json().value.map((r: Recipient) => r.Name)).toEqual(["Adele Vance"]);
    const outside = await h.invoke(token, "Get-Recipient", { Identity: SEED_MAILBOXES.meganBowen });
    const missing = await h.invoke(token, "Get-Recipient", { Identity: "nobody@contoso.onmicrosoft.com" });
    expect(outside.status).toBe(404);
    expect(outside.json().error.details[0].message).toBe(notFound(SEED_MAILBOXES.meganBowen));
    expect(Object.keys(outside.json().error)).toEqual(Object.keys(missing.json().error));
    expect((await h.invoke(token, "Get-Mailbox", { Identity: "Megan Bowen" })).status).toBe(404);
    expect((await h.invoke(token, "Get-Mailbox", { Identity: SEED_MAILBOXES.adeleVance })).status).toBe(200);
  });

  test("every per-mailbox cmdlet answers not-found for a mailbox outside Sales, and nothing changes", async () => {
    const token = await h.accessToken(DEMO_USERS.scopedHelpdesk);
    const before = await h.control("GET", "state/mailboxes/megan.bowen");
    const mailbox = "megan.bowen";
    for (const [cmdlet, parameters] of [
      ["Get-MailboxAutoReplyConfiguration", { Identity: mailbox }],
      ["Get-MailboxRegionalConfiguration", { Identity: mailbox }],
      ["Get-MailboxPermission", { Identity: mailbox }],
      ["Get-RecipientPermission", { Identity: mailbox }],
      ["Get-MailboxFolderStatistics", { Identity: mailbox, FolderScope: "Calendar" }],
      ["Set-MailboxAutoReplyConfiguration", { Identity: mailbox, AutoReplyState: "Enabled", InternalMessage: "Away" }],
      ["Add-MailboxPermission", { Identity: mailbox, User: "adele.vance", AccessRights: ["FullAccess"] }],
      ["Add-RecipientPermission", { Identity: mailbox, Trustee: "adele.vance", AccessRights: ["SendAs"], Confirm: false }],
      ["Set-Mailbox", { Identity: mailbox, GrantSendOnBehalfTo: ["adele.vance"] }],
    ] as const) {
      const res = await h.invoke(token, cmdlet, parameters);
      expect(res.status, cmdlet).toBe(404);
      expect(res.json().error.details[0].message, cmdlet).toBe(notFound(mailbox));
    }
    const folder = await h.invoke(token, "Get-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar` });
    expect(folder.status).toBe(404);
    expect(folder.json().error.details[0].message).toMatch(/ManagementObjectNotFoundException\|The operation couldn't be performed because 'megan\.bowen:\\Calendar' couldn't be found\.$/);
    const add = await h.invoke(token, "Add-MailboxFolderPermission", { Identity: `${mailbox}:\\Calendar`, User: "adele.vance", AccessRights: ["Reviewer"] });
    expect(add.status).toBe(404);
    expect(await h.control("GET", "state/mailboxes/megan.bowen")).toEqual(before);
  });

  test("a list without Identity stays in scope; trustees resolve organisation-wide", async () => {
    const token = await h.accessToken(DEMO_USERS.scopedHelpdesk);
    const sendAs = (await h.invoke(token, "Get-RecipientPermission", { ResultSize: "Unlimited" })).json().value;
    const names = new Set(sendAs.map((e: { Identity: string }) => e.Identity));
    expect(names.has("Sales Shared")).toBe(true);
    expect(names.has("Megan Bowen")).toBe(false);
    // Megan is outside the read scope, but may still be named as the delegate.
    const grant = await h.invoke(token, "Add-MailboxPermission", { Identity: "isaiah.langer", User: SEED_MAILBOXES.meganBowen, AccessRights: ["FullAccess"] });
    expect(grant.status).toBe(200);
    expect(grant.json().value[0].User).toBe(SEED_MAILBOXES.meganBowen);
    const folder = await h.invoke(token, "Add-MailboxFolderPermission", { Identity: "isaiah.langer:\\Calendar", User: "megan.bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate" });
    expect(folder.status).toBe(200);
  });
});
