import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { applyVerified, emulator, fillEnabledReply, mailbox, openAutoReply, replyEditor, requestFullAccessForAlex, signInAs } from "./support";
import { axeViolations } from "./support/axe";
import { readBuiltApp } from "./support/built-app";
import { PORTAL_URL } from "./support/worker-stack";

// Every page, for every role, and the states people see on them (an outcome, a field error, a
// form with its other choices open), pass axe-core's WCAG 2.1 A and AA rules. One sign-in per
// role: its cookies are kept and every page of that role opens in a context carrying them.

type TRole = "helpdesk" | "approver" | "auditor" | "admin";
type TStorage = Awaited<ReturnType<BrowserContext["storageState"]>>;

const signedIn = new Map<TRole, TStorage>();
const checkedPaths = new Set<string>();
let requestPath = "";
const MEGAN = mailbox("megan.bowen");
const megan = (tab: "access" | "auto-reply" | "cover") => `/mailboxes/${encodeURIComponent(MEGAN)}/${tab}`;

test.describe.configure({ mode: "serial" });

async function expectAccessible(page: Page, state: string) {
  checkedPaths.add(new URL(page.url()).pathname);
  expect.soft(await axeViolations(page), `axe violations on ${state}`).toEqual([]);
}

async function newContext(browser: Browser, storageState?: TStorage) {
  return browser.newContext({ baseURL: PORTAL_URL, ignoreHTTPSErrors: true, storageState });
}

async function pageAs(browser: Browser, role: TRole | null) {
  const context = await newContext(browser, role ? signedIn.get(role) : undefined);
  return context.newPage();
}

// Opens `path` and waits for its main heading, then checks the page as it stands.
async function visit(page: Page, path: string, heading: RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectAccessible(page, path);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await emulator().post("/_emulator/reset");
  for (const role of ["helpdesk", "approver", "auditor", "admin"] as const) {
    const context = await newContext(browser);
    await signInAs(await context.newPage(), role);
    signedIn.set(role, await context.storageState());
    await context.close();
  }
});

test("helpdesk: mailboxes, access, automatic replies, requests, bulk changes and reports", async ({ browser }) => {
  const page = await pageAs(browser, "helpdesk");
  await visit(page, "/mailboxes", /Find a mailbox/);
  await page.getByLabel("Mailbox").fill("megan");
  await expect(page.getByRole("link", { name: /megan\.bowen/ })).toBeVisible();
  await expectAccessible(page, "the mailbox search with results");

  // The access page: its add-right forms for each kind of right, a field error, an outcome.
  await visit(page, megan("access"), /Megan Bowen/);
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.locator("#trustee-error")).not.toBeEmpty();
  await expectAccessible(page, "the access page with a field error");
  await page.getByRole("radio", { name: "Calendar" }).check();
  await expectAccessible(page, "the access page's calendar form");
  requestPath = await requestFullAccessForAlex(page, "megan.bowen", "Axe check: Alex reads Megan's inbox");
  await expectAccessible(page, "the access page with an outcome");

  // Automatic replies: the form as it opens, with Scheduled chosen, and after a change.
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await expectAccessible(page, "the automatic replies page");
  await page.getByRole("radio", { name: "Scheduled" }).check();
  await expectAccessible(page, "the automatic replies page with Scheduled chosen");
  await fillEnabledReply(page, "Away until Monday.");
  await applyVerified(page);
  await expectAccessible(page, "the automatic replies page with an outcome");

  await visit(page, "/requests", /My requests/);
  await visit(page, requestPath, /Megan Bowen/);
  await visit(page, "/removals", /Due removals/);

  // Bulk changes: the form with a checked list and a field error, a run, the list of runs.
  await visit(page, "/bulk/new", /many mailboxes/);
  await page.getByLabel(/^Addresses/).fill([mailbox("adele.vance"), mailbox("alex.wilber"), "not-an-address"].join("\n"));
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toBeVisible();
  await page.getByRole("radio", { name: "On" }).check();
  await page.getByRole("button", { name: /^Set automatic replies for 2 mailboxes/ }).click();
  await expect(page.locator("[id$='-error']").filter({ hasText: /\S/ }).first()).toBeVisible();
  await expectAccessible(page, "the bulk form with a checked list and a field error");
  await fillEnabledReply(page, "The team is away.");
  await page.getByRole("button", { name: /^Set automatic replies for 2 mailboxes/ }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("bulk-counts")).toContainText("2 verified");
  await expectAccessible(page, "a finished bulk change");
  await visit(page, "/bulk", /Bulk changes/);

  await visit(page, "/reports", /Mailbox reports/);
  await page.getByRole("button", { name: "Build a new report" }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Generated /)).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, "a built report");
  await page.context().close();
});

test("the access page lists the people with access and keeps the built-in entries behind a disclosure until shown", async ({ browser }) => {
  const page = await pageAs(browser, "helpdesk");
  await visit(page, megan("access"), /Megan Bowen/);
  const people = page.getByRole("table", { name: "People with a right on this mailbox" });
  const builtIn = page.getByRole("table", { name: "Built-in and inherited entries" });
  const disclosure = page.getByRole("button", { name: /^Show \d+ built-in entries$/ });
  await expect(people.or(page.getByText("Nobody has been given a right on this mailbox."))).toBeVisible();
  await expect(page.getByText("NT AUTHORITY\\SELF").first()).toBeHidden();
  await expect(builtIn).toBeHidden();
  await expect(disclosure).toHaveAttribute("aria-expanded", "false");
  const count = Number((await disclosure.textContent())!.match(/\d+/)![0]);

  await disclosure.click();
  await expect(builtIn).toBeVisible();
  await expect(builtIn.locator("tbody tr")).toHaveCount(count);
  await expect(builtIn.getByText("NT AUTHORITY\\SELF").first()).toBeVisible();
  await expect(builtIn).toContainText("Domain Admins");
  await expect(page.getByRole("button", { name: `Hide ${count} built-in entries` })).toHaveAttribute("aria-expanded", "true");
  await expectAccessible(page, "the access page with its built-in entries shown");
  await page.getByRole("button", { name: `Hide ${count} built-in entries` }).click();
  await expect(builtIn).toBeHidden();
  await page.context().close();
});

test("helpdesk: the absence-cover form with its field errors, and a cover's page", async ({ browser }) => {
  const page = await pageAs(browser, "helpdesk");
  await visit(page, megan("cover"), /Absence cover for Megan Bowen/);
  await page.getByRole("button", { name: "Set up the cover" }).click();
  await expect(page.locator("#trustee-error")).not.toBeEmpty();
  await expectAccessible(page, "the absence-cover form with field errors");
  await page.getByLabel("Colleague who covers").fill(mailbox("christie.cline"));
  await page.getByLabel("Calendar role (optional)").selectOption("Editor");
  await replyEditor(page, "internal").fill("Axe check: Megan is away.");
  await page.getByLabel(/^Reason/).fill("Axe check: cover");
  await page.getByRole("button", { name: "Set up the cover" }).click();
  await page.waitForURL(/\/covers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: /Absence cover for Megan Bowen/ })).toBeVisible();
  await expectAccessible(page, "a cover's page with a part waiting for approval");
  await page.context().close();
});

test("approver: the approvals queue with a pending change, mailboxes, own requests and a page outside the role", async ({ browser }) => {
  const page = await pageAs(browser, "approver");
  // The bell counts the change that waits; its entry in the list links to the request.
  await visit(page, "/notifications", /Notifications/);
  await expect(page.getByRole("listitem").filter({ hasText: "Axe check: Alex reads Megan's inbox" })).toContainText("Unread");
  await visit(page, "/approvals", /Waiting for your decision/);
  const item = page.getByRole("listitem").filter({ hasText: "Axe check: Alex reads Megan's inbox" });
  await item.getByRole("button", { name: /^Reject:/ }).click();
  await expect(item.locator("[id$='-error']")).not.toBeEmpty();
  await expectAccessible(page, "the approvals queue with a rejection missing its reason");
  await item.getByLabel("Reason for rejecting").fill("Axe check: not needed");
  await item.getByRole("button", { name: /^Reject:/ }).click();
  await expect(item.getByRole("status")).toContainText("Rejected. It will not run");
  await expectAccessible(page, "the approvals queue with a decision's outcome in place");
  await visit(page, "/mailboxes", /Find a mailbox/);
  await visit(page, megan("access"), /Megan Bowen/);
  await visit(page, "/requests", /My requests/);
  await visit(page, "/audit", /not part of your role/);
  await page.context().close();
});

test("auditor: the history, a mailbox's changes, a request's record and the chain check", async ({ browser }) => {
  const page = await pageAs(browser, "auditor");
  await visit(page, "/audit", /Audit history/);
  await page.getByRole("button", { name: "Verify the chain now" }).click();
  await expect(page.getByText(/intact|verified/i).first()).toBeVisible();
  await expectAccessible(page, "the audit history after a chain check");
  await visit(page, `/audit/mailboxes/${encodeURIComponent(MEGAN)}`, /Every change to/);
  await visit(page, `/audit/requests/${requestPath.split("/").pop()}`, /Megan Bowen/);
  await visit(page, "/notifications", /Notifications/);
  await page.context().close();
});

test("admin: policies, sessions, templates, mailboxes and reports", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await visit(page, "/admin/policies", /Approval policies/);
  await visit(page, "/admin/sessions", /Sessions/);
  await visit(page, "/admin/templates", /Automatic-reply templates/);
  await visit(page, "/mailboxes", /Find a mailbox/);
  await visit(page, megan("auto-reply"), /Megan Bowen/);
  await visit(page, "/reports", /Mailbox reports/);
  await visit(page, "/requests", /My requests/);
  await page.context().close();
});

test("signed out: sign-in, no access and not found; signed in with no ExoDesk role: no access", async ({ browser }) => {
  const page = await pageAs(browser, null);
  await visit(page, "/signin", /ExoDesk/);
  await visit(page, "/no-access", /You have no access to ExoDesk/);
  await visit(page, "/no-such-page", /Not found/);
  await signInAs(page, "norole");
  await visit(page, "/no-access", /You have no access to ExoDesk/);
  await page.context().close();
});

// A page added to the app is checked here too: each page the build serves was opened above
// ("/" only sends people on to their first page).
test("every page the build serves was checked", () => {
  const routePattern = (route: string) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
  const unchecked = readBuiltApp().pages.filter((route) => route !== "/" && ![...checkedPaths].some((path) => routePattern(route).test(path)));
  expect(unchecked).toEqual([]);
});
