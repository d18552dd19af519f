import { describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

// Requests as the ExchangeOnlineManagement module sends them (issue #14, point 10): its
// PowerShell common parameters, and its two-step Confirm for high-impact cmdlets.

const h = useHarness();
const run = useSignedIn(h, DEMO_USERS.helpdesk);

const stateOf = (alias: string) => h.control("GET", `state/mailboxes/${alias}`);

describe("PowerShell common parameters", () => {
  test("ErrorAction and WarningAction as strings are accepted by reads and writes alike", async () => {
    const read = await run("Get-Mailbox", { Identity: "megan.bowen", ErrorAction: "Stop", WarningAction: "SilentlyContinue" });
    expect(read.status).toBe(200);
    expect(read.json().value[0].DisplayName).toBe("Megan Bowen");
    const write = await run("Add-MailboxPermission", {
      Identity: "megan.bowen", User: "alex.wilber", AccessRights: ["FullAccess"], ErrorAction: "stop", WarningAction: "Continue", InformationAction: "Ignore",
    });
    expect(write.status).toBe(200);
    expect((await stateOf("megan.bowen")).mailboxPermissions.map((e: { user: string }) => e.user)).toContain("alex.wilber@contoso.onmicrosoft.com");
    const removal = await run("Remove-MailboxPermission", { Identity: "megan.bowen", User: "alex.wilber", AccessRights: ["FullAccess"], Confirm: false, ErrorAction: "Stop" });
    expect(removal.status).toBe(200);
  });

  test("a value that is not an ActionPreference is refused naming the parameter, and nothing runs", async () => {
    const before = await stateOf("megan.bowen");
    const res = await run("Add-MailboxPermission", { Identity: "megan.bowen", User: "alex.wilber", AccessRights: ["FullAccess"], ErrorAction: "Sometimes" });
    expect(res.status).toBe(400);
    expect(res.json().error.innererror.internalexception.message).toContain("'ErrorAction'");
    expect(res.json().error.innererror.internalexception.message).toContain("SilentlyContinue, Stop, Continue, Inquire, Ignore, Suspend, Break");
    expect(await stateOf("megan.bowen")).toEqual(before);
    // Parameters PowerShell does not have are still refused.
    expect((await run("Get-Mailbox", { Identity: "megan.bowen", ErrorLevel: "Stop" })).status).toBe(400);
  });
});

describe("Confirm: true is the module's validation call", () => {
  const writes: [string, Record<string, unknown>][] = [
    ["Remove-MailboxPermission", { Identity: "sales.shared", User: "alex.wilber", AccessRights: ["FullAccess"] }],
    ["Add-RecipientPermission", { Identity: "megan.bowen", Trustee: "alex.wilber", AccessRights: ["SendAs"] }],
    ["Remove-RecipientPermission", { Identity: "sales.shared", Trustee: "adele.vance", AccessRights: ["SendAs"] }],
    ["Remove-MailboxFolderPermission", { Identity: "megan.bowen:\\Calendar", User: "miriam.graham" }],
  ];

  test("it changes nothing and answers 200 with @adminapi.confirmationmessage; the resend with false runs", async () => {
    const before = { sales: await stateOf("sales.shared"), megan: await stateOf("megan.bowen") };
    for (const [cmdlet, parameters] of writes) {
      const res = await run(cmdlet, { ...parameters, Confirm: true });
      expect(res.status, cmdlet).toBe(200);
      const body = res.json();
      expect(body.value, cmdlet).toEqual([]);
      expect(body["@adminapi.warnings"], cmdlet).toEqual([]);
      expect(body["@adminapi.confirmationmessage"], cmdlet).toMatch(new RegExp(`^Performing the operation "${cmdlet}" on target ".+"\\.$`));
    }
    expect({ sales: await stateOf("sales.shared"), megan: await stateOf("megan.bowen") }).toEqual(before);
    const { calls } = (await h.control("GET", "calls")) as { calls: { cmdlet: string; changed: boolean; ran: boolean }[] };
    const validations = calls.filter((c) => writes.some(([w]) => w === c.cmdlet));
    expect(validations.map((c) => ({ ran: c.ran, changed: c.changed }))).toEqual(writes.map(() => ({ ran: true, changed: false })));

    for (const [cmdlet, parameters] of writes) {
      const res = await run(cmdlet, { ...parameters, Confirm: false });
      expect(res.status, cmdlet).toBe(200);
      expect(res.json()["@adminapi.confirmationmessage"], cmdlet).toBeUndefined();
    }
    expect((await stateOf("sales.shared")).mailboxPermissions.map((e: { user: string }) => e.user)).not.toContain("alex.wilber@contoso.onmicrosoft.com");
    expect((await stateOf("megan.bowen")).calendar.permissions.map((e: { user: string }) => e.user)).toEqual(["Default", "Anonymous"]);
  });

  test("the validation call still checks its input: an unknown mailbox is an error, not a confirmation", async () => {
    const res = await run("Remove-MailboxPermission", { Identity: "nobody", User: "alex.wilber", AccessRights: ["FullAccess"], Confirm: true });
    expect(res.status).toBe(404);
    expect(res.json()["@adminapi.confirmationmessage"]).toBeUndefined();
  });

  test("cmdlets that ask for no confirmation ignore Confirm", async () => {
    const res = await run("Add-MailboxPermission", { Identity: "megan.bowen", User: "alex.wilber", AccessRights: ["FullAccess"], Confirm: true });
    expect(res.status).toBe(200);
    expect(res.json()["@adminapi.confirmationmessage"]).toBeUndefined();
    expect((await stateOf("megan.bowen")).mailboxPermissions.map((e: { user: string }) => e.user)).toContain("alex.wilber@contoso.onmicrosoft.com");
  });
});
