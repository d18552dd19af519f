import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const run = useSignedIn(h, DEMO_USERS.helpdesk);

const calendarOf = async (alias: string) => (await h.control("GET", `state/mailboxes/${alias}`)).calendar;
const detail = (res: Awaited<ReturnType<typeof run>>) => res.json().error.details[0].message as string;
const ADELE_CAL = `${SEED_MAILBOXES.adeleVance}:\\Kalender`;
const MEGAN_CAL = `${SEED_MAILBOXES.meganBowen}:\\Calendar`;

describe("calendar folder names", () => {
  test("Get-MailboxFolderStatistics -FolderScope Calendar gives the localised name", async () => {
    const cases = [[SEED_MAILBOXES.adeleVance, "Kalender"], ["chloe.dubois", "Calendrier"], ["Megan Bowen", "Calendar"], ["yuki.tanaka", "予定表"]] as const;
    for (const [identity, name] of cases) {
      const res = await run("Get-MailboxFolderStatistics", { Identity: identity, FolderScope: "Calendar" });
      expect(res.status, identity).toBe(200);
      expect(res.json().value[0]).toMatchObject({ Name: name, FolderPath: `/${name}`, FolderType: "Calendar" });
    }
    const adele = (await run("Get-MailboxFolderStatistics", { Identity: "adele.vance", FolderScope: "Calendar" })).json().value[0];
    expect(adele.Identity).toBe("Adele Vance\\Kalender");
    // A FolderId, as Exchange Online returns: opaque, stable, different per mailbox.
    expect(adele.FolderId).toMatch(/^[A-Za-z0-9+/]{40,}={0,2}$/);
    const again = (await run("Get-MailboxFolderStatistics", { Identity: SEED_MAILBOXES.adeleVance, FolderScope: "Calendar" })).json().value[0];
    expect(again.FolderId).toBe(adele.FolderId);
    const megan = (await run("Get-MailboxFolderStatistics", { Identity: "megan.bowen", FolderScope: "Calendar" })).json().value[0];
    expect(megan.FolderId).not.toBe(adele.FolderId);
    expect((await calendarOf("chloe.dubois")).name).toBe("Calendrier");
  });

  test("the English name on a mailbox whose calendar is Kalender is not found, as in Exchange", async () => {
    const res = await run("Get-MailboxFolderPermission", { Identity: `${SEED_MAILBOXES.adeleVance}:\\Calendar` });
    expect(res.status).toBe(404);
    expect(res.json().error.code).toBe("NotFound");
    expect(detail(res)).toBe(
      `Ex1E96F9|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because '${SEED_MAILBOXES.adeleVance}:\\Calendar' couldn't be found.`,
    );
    const write = await run("Add-MailboxFolderPermission", { Identity: "adele.vance:\\Calendar", User: "megan.bowen", AccessRights: ["Reviewer"] });
    expect(write.status).toBe(404);
    expect((await run("Get-MailboxFolderPermission", { Identity: "chloe.dubois:\\calendrier" })).status).toBe(200);
    expect((await run("Get-MailboxFolderPermission", { Identity: "nobody:\\Calendar" })).status).toBe(404);
  });

  test("folders the emulator does not model answer 501", async () => {
    expect((await run("Get-MailboxFolderPermission", { Identity: "megan.bowen:\\Inbox" })).status).toBe(501);
    expect((await run("Get-MailboxFolderStatistics", { Identity: "megan.bowen", FolderScope: "Inbox" })).status).toBe(501);
  });
});

describe("Get-MailboxFolderPermission", () => {
  test("lists Default, Anonymous and people by display name, with their flags; each row's Identity is the folder's", async () => {
    const rows = (await run("Get-MailboxFolderPermission", { Identity: MEGAN_CAL })).json().value;
    expect(rows).toMatchObject([
      { FolderName: "Calendar", User: "Default", AccessRights: ["AvailabilityOnly"], SharingPermissionFlags: null, Identity: "Megan Bowen:\\Calendar" },
      { FolderName: "Calendar", User: "Anonymous", AccessRights: ["None"], SharingPermissionFlags: null, Identity: "Megan Bowen:\\Calendar" },
      { FolderName: "Calendar", User: "Miriam Graham", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate", Identity: "Megan Bowen:\\Calendar" },
    ]);
    const kalender = (await run("Get-MailboxFolderPermission", { Identity: ADELE_CAL, User: "Default" })).json().value;
    expect(kalender).toMatchObject([{ FolderName: "Kalender", Identity: "Adele Vance:\\Kalender" }]);
    const patti = (await run("Get-MailboxFolderPermission", { Identity: "patti.fernandez:\\Calendar", User: "debra.berger" })).json().value;
    expect(patti).toMatchObject([{ User: "Debra Berger", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate, CanViewPrivateItems" }]);
  });

  test("-User without an entry fails with UserNotFoundInPermissionEntryException; an unknown user is refused", async () => {
    const missing = await run("Get-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "alex.wilber" });
    expect(missing.status).toBe(400);
    expect(detail(missing)).toBe(
      "ExB30F7D|Microsoft.Exchange.Management.StoreTasks.UserNotFoundInPermissionEntryException|There is no existing permission entry found for user: Alex Wilber.",
    );
    const unknown = await run("Get-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "ghost@contoso.onmicrosoft.com" });
    expect(detail(unknown)).toContain('The user "ghost@contoso.onmicrosoft.com" is either not valid SMTP address, or there is no matching information.');
  });
});

describe("Add-/Set-/Remove-MailboxFolderPermission", () => {
  test("Add a delegate on a Kalender calendar, with the flags as sent, and read it back", async () => {
    const res = await run("Add-MailboxFolderPermission", {
      Identity: ADELE_CAL, User: "Megan Bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate,CanViewPrivateItems", SendNotificationToUser: true,
    });
    expect(res.status).toBe(200);
    expect(res.json().value[0]).toMatchObject({ FolderName: "Kalender", User: "Megan Bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate, CanViewPrivateItems" });
    expect((await calendarOf("adele.vance")).permissions.at(-1)).toEqual({
      user: SEED_MAILBOXES.meganBowen, accessRights: ["Editor"], sharingPermissionFlags: "Delegate, CanViewPrivateItems",
    });
  });

  test("Add for a user who already has an entry fails with UserAlreadyExistsInPermissionEntryException", async () => {
    const res = await run("Add-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: ["Reviewer"] });
    expect(res.status).toBe(400);
    expect(detail(res)).toBe(
      "Ex9A1C4E|Microsoft.Exchange.Management.StoreTasks.UserAlreadyExistsInPermissionEntryException|An existing permission entry was found for user: Miriam Graham.",
    );
    const defaults = await run("Add-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "Default", AccessRights: ["Reviewer"] });
    expect(detail(defaults)).toContain("An existing permission entry was found for user: Default.");
  });

  test("Set changes an entry; a delegate stays one unless the flags or SendNotificationToUser say otherwise", async () => {
    await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: ["Editor"] });
    expect((await calendarOf("megan.bowen")).permissions[2]).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });
    await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: ["Editor"], SendNotificationToUser: false });
    expect((await calendarOf("megan.bowen")).permissions[2]).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: null });
    await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "Miriam Graham", AccessRights: ["Editor"], SharingPermissionFlags: ["Delegate", "CanViewPrivateItems"] });
    expect((await calendarOf("megan.bowen")).permissions[2]).toMatchObject({ sharingPermissionFlags: "Delegate, CanViewPrivateItems" });
    await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "Default", AccessRights: ["LimitedDetails"] });
    expect((await calendarOf("megan.bowen")).permissions[0]).toEqual({ user: "Default", accessRights: ["LimitedDetails"], sharingPermissionFlags: null });
  });

  test("Set and Remove for a user without an entry fail with UserNotFoundInPermissionEntryException", async () => {
    for (const [cmdlet, extra] of [["Set-MailboxFolderPermission", { AccessRights: ["Reviewer"] }], ["Remove-MailboxFolderPermission", { Confirm: false }]] as const) {
      const res = await run(cmdlet, { Identity: MEGAN_CAL, User: "alex.wilber", ...extra });
      expect(res.status, cmdlet).toBe(400);
      expect(detail(res), cmdlet).toContain("UserNotFoundInPermissionEntryException|There is no existing permission entry found for user: Alex Wilber.");
    }
  });

  test("Remove deletes a person's entry; Default keeps its place with None", async () => {
    const res = await run("Remove-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham@contoso.onmicrosoft.com", Confirm: false });
    expect(res.json()).toMatchObject({ "@adminapi.warnings": [], value: [] });
    await run("Remove-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "Default", Confirm: false });
    expect((await calendarOf("megan.bowen")).permissions).toEqual([
      { user: "Default", accessRights: ["None"], sharingPermissionFlags: null },
      { user: "Anonymous", accessRights: ["None"], sharingPermissionFlags: null },
    ]);
  });
});

describe("SendNotificationToUser rules", () => {
  // Documented for Add-/Set-MailboxFolderPermission: only with AvailabilityOnly, LimitedDetails,
  // Reviewer and Editor. Exchange's exact error text is not published (see README).
  test("a notification with any other role is refused naming the parameter, and nothing changes", async () => {
    const before = await calendarOf("adele.vance");
    for (const role of ["Owner", "PublishingEditor", "PublishingAuthor", "Author", "NonEditingAuthor", "Contributor"]) {
      const res = await run("Add-MailboxFolderPermission", { Identity: ADELE_CAL, User: "megan.bowen", AccessRights: [role], SendNotificationToUser: true });
      expect(res.status, role).toBe(400);
      expect(res.json().error.code, role).toBe("BadRequest");
      expect(detail(res), role).toContain(
        "InvalidMailboxFolderPermissionException|The SendNotificationToUser parameter can only be used with the AccessRights values AvailabilityOnly, LimitedDetails, Reviewer, Editor.",
      );
    }
    const set = await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: ["Author"], SendNotificationToUser: true });
    expect(set.status).toBe(400);
    expect(detail(set)).toContain("The SendNotificationToUser parameter can only be used with");
    expect(await calendarOf("adele.vance")).toEqual(before);
    expect((await calendarOf("megan.bowen")).permissions[2]).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });
  });

  test("with the four roles it is accepted, and false is accepted with any role", async () => {
    for (const role of ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"]) {
      const res = await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: [role], SendNotificationToUser: true });
      expect(res.status, role).toBe(200);
      expect((await calendarOf("megan.bowen")).permissions[2], role).toMatchObject({ accessRights: [role] });
    }
    const author = await run("Add-MailboxFolderPermission", { Identity: ADELE_CAL, User: "megan.bowen", AccessRights: ["Author"], SendNotificationToUser: false });
    expect(author.status).toBe(200);
  });
});

describe("SharingPermissionFlags rules", () => {
  const add = (parameters: Record<string, unknown>) => run("Add-MailboxFolderPermission", { Identity: ADELE_CAL, User: "megan.bowen", ...parameters });

  test("Delegate only with Editor, CanViewPrivateItems only with Delegate; nothing is stored", async () => {
    const reviewer = await add({ AccessRights: ["Reviewer"], SharingPermissionFlags: "Delegate" });
    expect(reviewer.status).toBe(400);
    expect(detail(reviewer)).toContain("The SharingPermissionFlags value Delegate can only be used when AccessRights is Editor.");
    const owner = await add({ AccessRights: ["Owner"], SharingPermissionFlags: "Delegate" });
    expect(owner.status).toBe(400);
    const privateOnly = await add({ AccessRights: ["Editor"], SharingPermissionFlags: "CanViewPrivateItems" });
    expect(privateOnly.status).toBe(400);
    expect(detail(privateOnly)).toContain("The SharingPermissionFlags value CanViewPrivateItems can only be used together with Delegate.");
    const set = await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "miriam.graham", AccessRights: ["Reviewer"], SharingPermissionFlags: "Delegate" });
    expect(set.status).toBe(400);
    expect((await calendarOf("adele.vance")).permissions).toHaveLength(3);
    expect((await calendarOf("megan.bowen")).permissions[2]).toMatchObject({ accessRights: ["Editor"], sharingPermissionFlags: "Delegate" });
  });

  test("None, Delegate and both are accepted in every spelling; an unknown flag is a binding error", async () => {
    expect((await add({ AccessRights: ["Reviewer"], SharingPermissionFlags: "None" })).status).toBe(200);
    expect((await calendarOf("adele.vance")).permissions.at(-1).sharingPermissionFlags).toBeNull();
    const bad = await add({ AccessRights: ["Editor"], SharingPermissionFlags: "Delegate,Everything" });
    expect(bad.status).toBe(400);
    expect(bad.json().error.innererror.internalexception.message).toMatch(/^Cannot process argument transformation on parameter 'SharingPermissionFlags'.*None, Delegate, CanViewPrivateItems/);
  });

  test("a role the cmdlet does not know is refused naming AccessRights", async () => {
    const res = await add({ AccessRights: ["Boss"] });
    expect(res.json().error.innererror.internalexception.message).toMatch(/parameter 'AccessRights'.*Owner, PublishingEditor, Editor/);
  });

  test("the owner may hold a role on their own calendar but cannot be their own delegate", async () => {
    const role = await run("Add-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "megan.bowen", AccessRights: ["Reviewer"] });
    expect(role.status).toBe(200);
    const delegate = await run("Set-MailboxFolderPermission", { Identity: MEGAN_CAL, User: "megan.bowen", AccessRights: ["Editor"], SharingPermissionFlags: "Delegate" });
    expect(delegate.status).toBe(400);
    expect(detail(delegate)).toContain("can't be added as a delegate of their own mailbox");
  });
});
