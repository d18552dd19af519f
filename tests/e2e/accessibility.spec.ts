import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { hasPermission, type TAppRole, type TPermission } from "../../lib/auth/roles";
import { applyVerified, emulator, fillEnabledReply, handToSomeone, mailbox, openAutoReply, replyEditor, requestFullAccessForAlex, signInAs } from "./support";
import { axeViolations } from "./support/axe";
import { readBuiltApp } from "./support/built-app";
import { PORTAL_URL } from "./support/worker-stack";

// Every page, for every role that may open it, and the states people see on them (an outcome, a
// field error, a form with its other choices open), pass axe-core's WCAG 2.1 A and AA rules. One
// sign-in per role: its cookies are kept and every page of that role opens in a context carrying
// them.

type TRole = "helpdesk" | "approver" | "auditor" | "admin";
type TStorage = Awaited<ReturnType<BrowserContext["storageState"]>>;
type TWho = TRole | "signed out";
const ROLES: Record<TRole, TAppRole> = { helpdesk: "ExoDesk.Helpdesk", approver: "ExoDesk.Approver", auditor: "ExoDesk.Auditor", admin: "ExoDesk.Admin" };

const signedIn = new Map<TRole, TStorage>();
const whoIs = new Map<Page, TWho>();
// The pages checked, by who saw them; and the pages outside a role asked for, answered "no access".
const checked: { who: TWho; path: string }[] = [];
const refused: { who: TWho; path: string }[] = [];
let requestPath = "";
let timeBoundPath = "";
let coverId = "";
const MEGAN = mailbox("megan.bowen");
const megan = (tab: "access" | "auto-reply" | "cover") => `/mailboxes/${encodeURIComponent(MEGAN)}/${tab}`;

test.describe.configure({ mode: "serial" });

async function expectAccessible(page: Page, state: string) {
  checked.push({ who: whoIs.get(page)!, path: new URL(page.url()).pathname });
  expect.soft(await axeViolations(page), `axe violations on ${state}`).toEqual([]);
}

async function newContext(browser: Browser, storageState?: TStorage) {
  return browser.newContext({ baseURL: PORTAL_URL, ignoreHTTPSErrors: true, storageState });
}

async function pageAs(browser: Browser, role: TRole | null) {
  const context = await newContext(browser, role ? signedIn.get(role) : undefined);
  const page = await context.newPage();
  whoIs.set(page, role ?? "signed out");
  return page;
}

// Opens `path` and waits for its main heading, then checks the page as it stands.
async function visit(page: Page, path: string, heading: RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectAccessible(page, path);
}

// Opens a page outside the person's role: they are told so, accessibly.
async function visitRefused(page: Page, path: string) {
  await visit(page, path, /not part of your role/);
  refused.push({ who: whoIs.get(page)!, path });
}

// The approver's queue: approves the change asked for with `reason` (`what` it changes, when the
// reason was given for several) and waits for `outcome`.
async function approve(page: Page, reason: string, outcome = "Done and verified", what = /./) {
  await page.goto("/approvals");
  const item = page.getByRole("listitem").filter({ hasText: reason }).filter({ hasText: what });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText(outcome);
}

// Completes the absence-cover form on the page (Christie Cline covers) and submits it: the cover's
// page, with its parts waiting for approval.
async function setUpCover(page: Page, owner: string) {
  await page.getByLabel("Colleague who covers").fill(mailbox("christie.cline"));
  await replyEditor(page, "internal").fill(`Axe check: ${owner} is away.`);
  await page.getByLabel(/^Reason/).fill(`Axe check: cover for ${owner}`);
  await page.getByRole("button", { name: "Set up the cover" }).click();
  await page.waitForURL(/\/covers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: `Absence cover for ${owner}` })).toBeVisible();
  await expectAccessible(page, "a cover's page with a part waiting for approval");
}

// The bulk form with `addresses` checked (`ready`: how its count reads) and automatic replies On.
async function checkBulkList(page: Page, addresses: string[], ready: string) {
  await visit(page, "/bulk/new", /many mailboxes/);
  await page.getByLabel(/^Addresses/).fill(addresses.join("\n"));
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: ready })).toBeVisible();
  await page.getByRole("radio", { name: "On" }).check();
}

// Submits the bulk form for `count` mailboxes and waits for them all verified.
async function runBulk(page: Page, count: number) {
  await page.getByRole("button", { name: new RegExp(`^Set automatic replies for ${count} mailbox`) }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
  await expect(page.getByTestId("bulk-counts")).toContainText(`${count} verified`);
  await expectAccessible(page, "a finished bulk change");
}

// A report of the mailboxes in the person's scope, built and shown.
async function buildReport(page: Page) {
  await visit(page, "/reports", /Mailbox reports/);
  await page.getByRole("button", { name: "Build a new report" }).click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Generated /)).toBeVisible({ timeout: 60_000 });
  await expectAccessible(page, "a built report");
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

test("helpdesk: mailboxes, access, automatic replies, requests, bulk changes, reports, notifications and a page outside the role", async ({ browser }) => {
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
  await checkBulkList(page, [mailbox("adele.vance"), mailbox("alex.wilber"), "not-an-address"], "mailboxes ready");
  await page.getByRole("button", { name: /^Set automatic replies for 2 mailboxes/ }).click();
  await expect(page.locator("[id$='-error']").filter({ hasText: /\S/ }).first()).toBeVisible();
  await expectAccessible(page, "the bulk form with a checked list and a field error");
  await fillEnabledReply(page, "The team is away.");
  await runBulk(page, 2);
  await visit(page, "/bulk", /Bulk changes/);

  await buildReport(page);
  await visit(page, "/notifications", /Notifications/);
  await visitRefused(page, "/approvals");
  // A FullAccess grant with an end, for the approver to approve (its page and its removal, below).
  timeBoundPath = await requestFullAccessForAlex(page, "lynne.robbins", "Axe check: Alex covers for Lynne", "2031-01-15T17:30");
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
  await page.getByLabel("Calendar role (optional)").selectOption("Editor");
  await setUpCover(page, "Megan Bowen");
  coverId = page.url().split("/").pop()!;
  await page.context().close();
});

test("approver: the approvals queue with a pending change, mailboxes, requests, Due removals with a removal and a grant waiting and a page outside the role", async ({ browser }) => {
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
  await visit(page, megan("auto-reply"), /Megan Bowen/);
  await visit(page, "/requests", /My requests/);
  await visit(page, requestPath, /Megan Bowen/);
  await visitRefused(page, "/audit");

  // The time-bound grant, approved and run; its end come and its removal waiting for someone.
  await approve(page, "Axe check: Alex covers for Lynne");
  await handToSomeone({ removalOf: timeBoundPath });
  // Megan's cover: its FullAccess grant, approved, waits for its start; then nobody can run it.
  await approve(page, "Axe check: cover for Megan Bowen", "The grant waits for its start", /full access/i);
  await handToSomeone({ coverId, action: "full-access.grant" });
  await visit(page, "/removals", /Due removals/);
  await expect(page.getByRole("button", { name: /^Remove now:.*lynne/i })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Grant now:.*megan/i })).toBeVisible();
  await expectAccessible(page, "Due removals with a removal and a grant waiting for someone");
  await page.context().close();
});

test("approver: an absence cover, a bulk change and a report of their own", async ({ browser }) => {
  const page = await pageAs(browser, "approver");
  const adeleCover = `/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/cover`;
  await visit(page, adeleCover, /Absence cover for Adele Vance/);
  await setUpCover(page, "Adele Vance");

  await checkBulkList(page, [mailbox("joni.sherman")], "mailbox ready");
  await fillEnabledReply(page, "Axe check: away.");
  await runBulk(page, 1);
  await visit(page, "/bulk", /Bulk changes/);
  await buildReport(page);
  await page.context().close();
});

test("helpdesk: a time-bound grant's page with its end to change, and Remove now and Grant now on Due removals", async ({ browser }) => {
  const page = await pageAs(browser, "helpdesk");
  await visit(page, timeBoundPath, /lynne/i);
  const form = page.getByRole("form", { name: "Change the end" });
  await form.getByLabel(/^New end/).fill("2020-01-15T17:30");
  await form.getByRole("button", { name: "Change the end" }).click();
  await expect(form.locator("#until-error")).not.toBeEmpty();
  await expectAccessible(page, "a time-bound grant's page with an end in the past refused");

  await visit(page, "/removals", /Due removals/);
  const queued = page.getByRole("listitem").filter({ hasText: /lynne/i });
  await queued.getByRole("button", { name: /^Remove now:/ }).click();
  await expect(queued.getByRole("status")).toContainText("Done and verified");
  await expectAccessible(page, "Due removals after Remove now");
  const grant = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: "this grant" }) }).filter({ hasText: /megan/i });
  await grant.getByRole("button", { name: /^Grant now:/ }).click();
  await expect(grant.getByRole("status")).toContainText("Done and verified");
  await expectAccessible(page, "Due removals after Grant now");
  await page.context().close();
});

test("auditor: the history, a mailbox's changes, a request's record, the chain check and a page outside the role", async ({ browser }) => {
  const page = await pageAs(browser, "auditor");
  await visit(page, "/audit", /Audit history/);
  await page.getByRole("button", { name: "Verify the chain now" }).click();
  await expect(page.getByText(/intact|verified/i).first()).toBeVisible();
  await expectAccessible(page, "the audit history after a chain check");
  await visit(page, `/audit/mailboxes/${encodeURIComponent(MEGAN)}`, /Every change to/);
  await visit(page, `/audit/requests/${requestPath.split("/").pop()}`, /Megan Bowen/);
  await visit(page, "/notifications", /Notifications/);
  await visitRefused(page, "/mailboxes");
  await page.context().close();
});

test("admin: policies, sessions, templates, mailboxes read-only, requests, notifications, a report and a page outside the role", async ({ browser }) => {
  const page = await pageAs(browser, "admin");
  await visit(page, "/admin/policies", /Approval policies/);
  await visit(page, "/admin/sessions", /Sessions/);
  await visit(page, "/admin/templates", /Automatic-reply templates/);
  await visit(page, "/mailboxes", /Find a mailbox/);
  await visit(page, megan("auto-reply"), /Megan Bowen/);
  await visit(page, megan("access"), /Megan Bowen/);
  await visit(page, megan("cover"), /Absence cover for Megan Bowen/);
  await visit(page, "/requests", /My requests/);
  // Admins ask for no changes: a request's page is "not found" to them.
  await visit(page, requestPath, /Not found/);
  await visit(page, "/notifications", /Notifications/);
  await visitRefused(page, "/bulk");
  await buildReport(page);
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

// The permission each page asks for (its requireUserOrRedirect call), read from its source, by
// route; none: a page for anyone.
function pagePermissions(): Map<string, TPermission | undefined> {
  const files = readdirSync("app", { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "page.tsx");
  return new Map(
    files.map((file) => {
      const route = "/" + path.dirname(file).split(path.sep).filter((s) => s !== "." && !/^\(.*\)$/.test(s)).join("/");
      const permission = readFileSync(path.join("app", file), "utf8").match(/requireUserOrRedirect\("([\w.]+)"\)/)?.[1] as TPermission | undefined;
      return [route, permission];
    }),
  );
}

// A page added to the app is checked here too: each page the build serves ("/" only sends people
// on to their first page) was opened above by every role its permission lets in, and a page for
// anyone by someone; and every role was shown one page outside it as "no access".
test("every page the build serves was checked, as every role that may open it", () => {
  const permissions = pagePermissions();
  const routes = readBuiltApp().pages.filter((route) => route !== "/");
  // A path is the page of the route it names: /bulk/new is its own page, not a /bulk/[id].
  const fixed = new Set(routes.filter((route) => !route.includes("[")));
  const routePattern = (route: string) => new RegExp(`^${route.replace(/\[[^\]]+\]/g, "[^/]+")}$`);
  const isPageOf = (route: string, path: string) => (fixed.has(path) ? path === route : routePattern(route).test(path));
  const seen = (list: typeof checked, route: string, who?: TWho) => list.some((c) => (who === undefined || c.who === who) && isPageOf(route, c.path));
  const unchecked: string[] = [];
  for (const route of routes) {
    if (!permissions.has(route)) unchecked.push(`${route}: no page.tsx for it under app/`);
    const permission = permissions.get(route);
    if (!permission && !seen(checked, route)) unchecked.push(`${route} by anyone`);
    for (const role of Object.keys(ROLES) as TRole[]) {
      if (permission && hasPermission([ROLES[role]], permission) && !seen(checked, route, role)) unchecked.push(`${route} as ${role}`);
    }
  }
  for (const role of Object.keys(ROLES) as TRole[]) {
    const closed = routes.filter((route) => permissions.get(route) && !hasPermission([ROLES[role]], permissions.get(route)!));
    if (closed.length > 0 && !closed.some((route) => seen(refused, route, role))) unchecked.push(`a page outside the role as ${role}`);
  }
  expect(unchecked).toEqual([]);
});
