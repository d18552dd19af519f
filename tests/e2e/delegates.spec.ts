import { expect, test, type Page } from "@playwright/test";
import { setApprovalPolicies } from "./policy-support";
import { changeCalls, emulator, mailbox, signInAs } from "./support";

type TMailboxState = Record<string, unknown> & {
  mailboxPermissions: { user: string; accessRights: string[]; autoMapping: boolean; isInherited: boolean }[];
  recipientPermissions: { trustee: string; accessRights: string[] }[];
  grantSendOnBehalfTo: string[];
  calendar: { name: string; permissions: { user: string; accessRights: string[]; sharingPermissionFlags: string | null }[] };
};

const stateOf = (local: string) => emulator().get<TMailboxState>(`/_emulator/state/mailboxes/${mailbox(local)}`);
// Everything but the part a change is meant to touch (and its timestamp).
const apartFrom = (s: TMailboxState, key: keyof TMailboxState) => ({ ...s, [key]: undefined, whenChanged: undefined });

async function openAccess(page: Page, local: string) {
  await page.goto(`/mailboxes/${encodeURIComponent(mailbox(local))}/access`);
  await expect(page.getByRole("heading", { name: /^Access for/ })).toBeVisible();
}

async function typePerson(page: Page, kind: string, person: string) {
  await page.getByRole("radio", { name: kind, exact: true }).check();
  await page.getByLabel("Person").fill(person);
}

async function grant(page: Page, kind: string, person: string, address: string) {
  await typePerson(page, kind, person);
  await page.getByRole("button", { name: new RegExp(address.replace(/\./g, "\\.")) }).click();
  await expect(page.getByLabel("Person")).toHaveValue(address);
}

// Submits the add form and waits for the page to come back with this request's outcome.
async function submitAndWait(page: Page, button: string) {
  const previous = new URL(page.url()).searchParams.get("request");
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL((u) => u.searchParams.has("request") && u.searchParams.get("request") !== previous);
}

const row = (page: Page, name: string, right: string) => page.getByRole("row").filter({ hasText: name }).filter({ hasText: right });

// Grants need approval by default (see approvals.spec.ts); here the rights themselves are under
// test, so an admin lets grants run directly for this file and restores the default after.
const GRANTS = ["Grant FullAccess", "Grant SendAs", "Grant SendOnBehalf", "Set calendar role"];
test.describe.configure({ mode: "serial" });
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await setApprovalPolicies(page, GRANTS, false);
  await page.close();
});
test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await setApprovalPolicies(page, GRANTS, true);
  await page.close();
});

test.beforeEach(async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
});

const kinds = [
  { kind: "FullAccess", key: "mailboxPermissions" as const },
  { kind: "Send as", key: "recipientPermissions" as const },
  { kind: "Send on behalf", key: "grantSendOnBehalfTo" as const },
  { kind: "Calendar", key: "calendar" as const },
];

for (const { kind, key } of kinds) {
  test(`grant and remove ${kind}: exactly that change in Exchange, shown on the access page`, async ({ page }) => {
    const before = await stateOf("megan.bowen");
    await openAccess(page, "megan.bowen");
    await grant(page, kind, "alex", mailbox("alex.wilber"));
    await page.getByRole("button", { name: `Grant ${kind}` }).click();
    await expect(page.getByText("Done and verified")).toBeVisible();

    const granted = await stateOf("megan.bowen");
    expect(apartFrom(granted, key)).toEqual(apartFrom(before, key));
    expect(JSON.stringify(granted[key])).toContain("alex.wilber");
    await expect(row(page, "Alex Wilber", kind)).toBeVisible();
    await expect(row(page, "Alex Wilber", kind)).toContainText(mailbox("alex.wilber"));

    await page.getByRole("button", { name: `Remove ${kind} for Alex Wilber` }).click();
    await expect(row(page, "Alex Wilber", kind)).toHaveCount(0);
    const removed = await stateOf("megan.bowen");
    expect(apartFrom(removed, key)).toEqual(apartFrom(before, key));
    expect(removed[key]).toEqual(before[key]);
  });
}

test("FullAccess reaches Exchange with AutoMapping exactly as chosen", async ({ page }) => {
  await openAccess(page, "megan.bowen");
  for (const [person, address, on] of [["alex", mailbox("alex.wilber"), false], ["diego", mailbox("diego.siciliani"), true]] as const) {
    await grant(page, "FullAccess", person, address);
    await page.getByLabel(/AutoMapping/).setChecked(on);
    await submitAndWait(page, "Grant FullAccess");
    await expect(page.getByText("Done and verified")).toBeVisible();
    const entry = (await stateOf("megan.bowen")).mailboxPermissions.find((p) => p.user === address);
    expect(entry?.autoMapping).toBe(on);
    const [call] = (await changeCalls()).filter((c) => c.cmdlet === "Add-MailboxPermission").slice(-1);
    expect(call?.parameters?.AutoMapping).toBe(on);
  }
});

test("a calendar delegate on a mailbox whose calendar is named Kalender succeeds and is verified", async ({ page }) => {
  await openAccess(page, "adele.vance");
  await expect(page.getByText('calendar folder "Kalender"')).toBeVisible();
  await grant(page, "Calendar", "megan", mailbox("megan.bowen"));
  await page.getByLabel("Calendar role").selectOption("Editor");
  await page.getByLabel(/^Delegate \(receives/).check();
  await page.getByLabel("Delegate can see private items").check();
  await page.getByRole("button", { name: "Grant Calendar" }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
  const entry = (await stateOf("adele.vance")).calendar.permissions.find((p) => p.user.toLowerCase().includes("megan"));
  expect(entry?.accessRights).toEqual(["Editor"]);
  expect(entry?.sharingPermissionFlags?.replace(/\s/g, "")).toBe("Delegate,CanViewPrivateItems");
  await expect(row(page, "Megan Bowen", "Calendar")).toContainText("Editor");
  const calls = await changeCalls();
  expect(calls.map((c) => c.parameters?.Identity)).toContain(`${mailbox("adele.vance")}:\\Kalender`);
});

test("granting a right that exists, or removing one that does not, is a calm note without duplicates", async ({ page }) => {
  const before = await stateOf("sales.shared");
  await openAccess(page, "sales.shared");
  await grant(page, "Send as", "adele", mailbox("adele.vance"));
  await page.getByRole("button", { name: "Grant Send as" }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
  await expect(page.getByText(/Exchange noted:/)).toBeVisible();
  expect((await stateOf("sales.shared")).recipientPermissions).toEqual(before.recipientPermissions);
  await page.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");

  // Two helpdesk tabs remove the same entry: the second finds nothing to remove.
  await openAccess(page, "sales.shared");
  const second = await page.context().newPage();
  await openAccess(second, "sales.shared");
  await page.getByRole("button", { name: "Remove Send as for Adele Vance" }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
  await second.getByRole("button", { name: "Remove Send as for Adele Vance" }).click();
  await expect(second.getByText("Done and verified")).toBeVisible();
  await expect(second.getByText(/Exchange noted: .*isn't present/)).toBeVisible();
  expect((await stateOf("sales.shared")).recipientPermissions.filter((p) => p.trustee === mailbox("adele.vance"))).toEqual([]);
});

test.describe("invalid combinations are refused by the form before any Exchange change", () => {
  test.beforeEach(async ({ page }) => {
    await openAccess(page, "adele.vance");
    await emulator().del("/_emulator/calls");
  });
  test.afterEach(async () => {
    expect(await changeCalls()).toEqual([]);
  });

  test("private items without Delegate", async ({ page }) => {
    await grant(page, "Calendar", "megan", mailbox("megan.bowen"));
    await page.getByLabel("Calendar role").selectOption("Editor");
    await page.getByLabel("Delegate can see private items").check();
    await page.getByRole("button", { name: "Grant Calendar" }).click();
    await expect(page.locator("#canViewPrivateItems-error")).toContainText("only be shown to a delegate");
  });

  test("Delegate with Reviewer", async ({ page }) => {
    await grant(page, "Calendar", "megan", mailbox("megan.bowen"));
    await page.getByLabel("Calendar role").selectOption("Reviewer");
    await page.getByLabel(/^Delegate \(receives/).check();
    await page.getByRole("button", { name: "Grant Calendar" }).click();
    await expect(page.locator("#delegate-error")).toContainText("Only an Editor");
  });

  test("a sharing notification with a role Exchange sends none for cannot be ticked", async ({ page }) => {
    await grant(page, "Calendar", "megan", mailbox("megan.bowen"));
    await page.getByLabel("Calendar role").selectOption("Author");
    await expect(page.getByLabel("Send them a sharing notification")).toHaveCount(0);
    await expect(page.getByText(/sharing notification can be sent only with the AvailabilityOnly, LimitedDetails, Reviewer or Editor role/)).toBeVisible();
    await page.getByLabel("Calendar role").selectOption("Reviewer");
    await expect(page.getByLabel("Send them a sharing notification")).toBeEnabled();
  });

  // A person typed but not picked from the list is resolved by the server, which names the problem.
  const unpicked = [
    { title: "the mailbox as its own delegate", kind: "Send as", person: "Adele Vance", error: "cannot be its own delegate" },
    { title: "an unknown trustee", kind: "FullAccess", person: "nobody.at.all@contoso.onmicrosoft.com", error: "No one in the directory matches" },
  ];
  for (const { title, kind, person, error } of unpicked) {
    test(title, async ({ page }) => {
      await typePerson(page, kind, person);
      await page.getByRole("button", { name: `Grant ${kind}` }).click();
      await expect(page.locator("#trustee-error")).toContainText(error);
    });
  }
});

test("SendOnBehalf delegates Exchange lists by name appear with their address", async ({ page }) => {
  await openAccess(page, "megan.bowen");
  await expect(row(page, "Miriam Graham", "Send on behalf")).toContainText(mailbox("miriam.graham"));
});

test("SendOnBehalf delegates Exchange lists by GUID (as current tenants name people) appear by name and address, and can be removed", async ({ page }) => {
  await emulator().post("/_emulator/seed-delegates", { mailbox: mailbox("megan.bowen"), count: 8 });
  const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const delegates = await Promise.all((await stateOf("megan.bowen")).grantSendOnBehalfTo.map((upn) =>
    emulator().get<{ name: string; displayName: string; primarySmtpAddress: string }>(`/_emulator/state/mailboxes/${upn}`)));
  const guidNamed = delegates.find((d) => GUID.test(d.name));
  expect(guidNamed, "the seed gives some delegates a GUID name").toBeDefined();
  const { name: guid, displayName, primarySmtpAddress } = guidNamed!;

  await openAccess(page, "megan.bowen");
  await expect(row(page, displayName, "Send on behalf")).toContainText(primarySmtpAddress);
  await expect(page.getByRole("table").getByText(guid)).toHaveCount(0);

  await page.getByRole("button", { name: `Remove Send on behalf for ${displayName}` }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
  await expect(row(page, displayName, "Send on behalf")).toHaveCount(0);
  expect((await stateOf("megan.bowen")).grantSendOnBehalfTo).not.toContain(primarySmtpAddress.toLowerCase());
});
