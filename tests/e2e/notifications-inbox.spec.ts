import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { mailbox, requestFullAccessForAlex, signInAs } from "./support";
import { axeViolations } from "./support/axe";
import { PORTAL_URL, workerStack } from "./support/worker-stack";

// The in-app list (issue 19): the bell in the header, /notifications, and the admin's side on
// the Policies page. A worker's journeys share one database, so each person starts by marking
// everything read.

test.describe.configure({ mode: "serial" });

const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notifications/ });

async function personPage(browser: Browser, who: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: PORTAL_URL, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signInAs(page, who, path);
  return page;
}

// Everything read: the bell carries no count.
async function markAllRead(page: Page) {
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const button = page.getByRole("button", { name: "Mark all as read" });
  if (await button.isVisible()) {
    await button.click();
    await expect(page.getByRole("status").filter({ hasText: /Marked \d+ as read|Nothing was unread/ })).toBeVisible();
  }
  await page.reload();
  await expect(bell(page)).toHaveAccessibleName("Notifications");
}

test("an approver's bell counts a request that waits; opening it lands on the request and the count drops; the requester hears of the rejection", async ({ browser }) => {
  test.setTimeout(120_000);
  // The approver has signed in before the request is made: approvers are the people who have.
  const approver = await personPage(browser, "approver", "/notifications");
  await markAllRead(approver);
  const helpdesk = await personPage(browser, "helpdesk", "/notifications");
  await markAllRead(helpdesk);

  const reason = `Inbox check ${randomUUID().slice(0, 8)}: Alex reads Megan's inbox`;
  const requestPath = await requestFullAccessForAlex(helpdesk, "megan.bowen", reason);

  await approver.goto("/mailboxes");
  await expect(bell(approver)).toHaveAccessibleName("Notifications, 1 unread");
  await bell(approver).click();
  const entry = approver.getByRole("listitem").filter({ hasText: reason });
  await expect(entry).toContainText("Unread");
  await entry.getByRole("link", { name: "Waiting for your approval: Grant FullAccess on Megan Bowen" }).click();
  await approver.waitForURL((url) => url.pathname === requestPath);
  await expect(approver.getByRole("heading", { level: 1, name: /Grant FullAccess: Megan Bowen/ })).toBeVisible();
  await expect(bell(approver)).toHaveAccessibleName("Notifications");
  // Reading it decided nothing: it still waits, and the page sends the approver to Approvals.
  await expect(approver.getByText(/Waiting for an approver until/)).toBeVisible();
  await approver.getByRole("link", { name: "Decide it in Approvals" }).click();
  const item = approver.getByRole("listitem").filter({ hasText: reason });
  await item.getByLabel("Reason for rejecting").fill("Megan's manager said no");
  await item.getByRole("button", { name: /^Reject:/ }).click();
  await expect(item.getByRole("status")).toContainText("Rejected");
  await approver.goto("/notifications");
  await expect(approver.getByRole("listitem").filter({ hasText: reason })).toContainText("Read");
  await expect(bell(approver)).toHaveAccessibleName("Notifications");

  await helpdesk.goto("/mailboxes");
  await expect(bell(helpdesk)).toHaveAccessibleName("Notifications, 1 unread");
  await bell(helpdesk).click();
  const rejected = helpdesk.getByRole("listitem").filter({ hasText: "Megan's manager said no" });
  await expect(rejected.getByRole("link", { name: "Rejected: Grant FullAccess on Megan Bowen" })).toBeVisible();
  await expect(rejected).toContainText(/rejected your request: [\s\S]*Their reason: Megan's manager said no\./);
  await helpdesk.getByRole("button", { name: "Mark all as read" }).click();
  await expect(helpdesk.getByRole("status").filter({ hasText: "Marked 1 as read." })).toBeVisible();
  await expect(bell(helpdesk)).toHaveAccessibleName("Notifications");
  await expect(rejected).toContainText("Read");
  await approver.context().close();
  await helpdesk.context().close();
});

// The header is rendered with the layout, which Next.js keeps across link navigations and
// actions that revalidate nothing: its counts must follow anyway, without a reload.
test("the header's counts follow without a reload: the Approvals badge after approving in place, the bell after the entry's page is opened by a link", async ({ browser }) => {
  test.setTimeout(120_000);
  const approver = await personPage(browser, "approver", "/notifications");
  await markAllRead(approver);
  const helpdesk = await personPage(browser, "helpdesk", "/mailboxes");
  const reason = `Header check ${randomUUID().slice(0, 8)}: Alex covers Adele`;
  await requestFullAccessForAlex(helpdesk, "adele.vance", reason);

  await approver.goto("/mailboxes");
  await expect(bell(approver)).toHaveAccessibleName("Notifications, 1 unread");
  const badge = approver.getByRole("banner").getByLabel(/^\d+ waiting for your decision$/);
  const waiting = Number(await badge.textContent());
  expect(waiting).toBeGreaterThan(0);
  const nav = approver.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: /^Approvals/ }).click();
  await expect(approver.getByRole("heading", { level: 1, name: "Waiting for your decision" })).toBeVisible();
  const item = approver.getByRole("listitem").filter({ hasText: reason });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");
  const badgeShows = async (count: number) => (count > 0 ? await expect(badge).toHaveText(String(count)) : await expect(badge).toBeHidden());
  await badgeShows(waiting - 1);
  // The entry's page, opened by the outcome's link, reads it: the bell drops, and stays down on the next page.
  await expect(bell(approver)).toHaveAccessibleName("Notifications, 1 unread");
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(approver.getByRole("heading", { level: 1, name: /Grant FullAccess: Adele Vance/ })).toBeVisible();
  await expect(bell(approver)).toHaveAccessibleName("Notifications");
  await nav.getByRole("link", { name: "My requests" }).click();
  await expect(approver.getByRole("heading", { level: 1, name: "My requests" })).toBeVisible();
  await expect(bell(approver)).toHaveAccessibleName("Notifications");
  await badgeShows(waiting - 1);
  await approver.context().close();
  await helpdesk.context().close();
});

test("the admin turns a switch off and on, sets a policy's notification address, and tries a failed delivery again", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await personPage(browser, "admin", "/admin/policies");
  await expect(admin.getByRole("heading", { level: 1, name: "Approval policies" })).toBeVisible();

  // A switch: e-mail off for requests that wait, kept after a reload, then on again.
  const emailWaiting = admin.getByRole("checkbox", { name: "E-mail: A request waits for approval (to the approvers)" });
  const saveWaiting = admin.getByRole("button", { name: "Save switches for A request waits for approval (to the approvers)" });
  await expect(emailWaiting).toBeChecked();
  await emailWaiting.uncheck();
  await saveWaiting.click();
  await expect(admin.getByRole("row").filter({ has: saveWaiting }).getByRole("status")).toHaveText("Saved.");
  await admin.reload();
  await expect(emailWaiting).not.toBeChecked();
  await expect(admin.getByRole("checkbox", { name: "Webhook: A request waits for approval (to the approvers)" })).toBeChecked();
  await emailWaiting.check();
  await saveWaiting.click();
  await expect(admin.getByRole("row").filter({ has: saveWaiting }).getByRole("status")).toHaveText("Saved.");

  // A policy's address: a wrong one is refused beside the field; a team mailbox is kept; cleared again.
  const address = admin.getByLabel("Grant FullAccess: address also told when a request waits");
  const saveAddress = admin.getByRole("button", { name: "Save notification address for Grant FullAccess" });
  await address.fill("not an address");
  await saveAddress.click();
  await expect(admin.locator("#full-access-grant-notify-error")).toHaveText("Enter one e-mail address, such as helpdesk-approvals@contoso.com, or leave it blank.");
  await address.fill(mailbox("approvals-team"));
  await saveAddress.click();
  await expect(admin.getByRole("row").filter({ has: saveAddress }).getByRole("status").last()).toHaveText("Saved: that address is told when a request waits.");
  await admin.reload();
  await expect(address).toHaveValue(mailbox("approvals-team"));
  await address.fill("");
  await saveAddress.click();
  await expect(admin.getByRole("row").filter({ has: saveAddress }).getByRole("status").last()).toHaveText("Saved: no address besides the approvers.");

  // A delivery that failed for good, put in place through the database.
  const db = new pg.Client({ connectionString: workerStack().databaseUrl });
  await db.connect();
  try {
    const id = randomUUID();
    const lastError = `550 5.1.1 no such mailbox (${id.slice(0, 8)})`;
    const payload = { event: "approval.waiting", subject: "Waiting", text: "Waiting.", link: `${PORTAL_URL}/approvals`, requestId: null, occurredAt: new Date().toISOString() };
    await db.query(
      `INSERT INTO "NotificationDelivery" ("id", "event", "channel", "recipient", "payload", "status", "attempts", "lastError") VALUES ($1, 'approval.waiting', 'EMAIL', $2, $3, 'FAILED', 8, $4)`,
      [id, mailbox("gone.team"), JSON.stringify(payload), lastError],
    );
    await admin.reload();
    const failures = admin.getByRole("table", { name: "Deliveries that failed" });
    const row = failures.getByRole("row").filter({ hasText: lastError });
    await expect(row).toContainText(mailbox("gone.team"));
    await expect(row).toContainText("E-mail");
    await expect(row.getByRole("cell", { name: "8", exact: true })).toBeVisible();
    // The table of failures and its buttons pass axe too (the accessibility journeys see the page without one).
    expect(await axeViolations(admin)).toEqual([]);
    await row.getByRole("button", { name: `Try again: approval.waiting to ${mailbox("gone.team")}` }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Queued: it will be sent again shortly." })).toBeVisible();
    await expect(row).toBeHidden();
    const { rows } = await db.query<{ status: string }>(`SELECT "status" FROM "NotificationDelivery" WHERE "id" = $1`, [id]);
    expect(rows[0]!.status).not.toBe("FAILED");
    await admin.reload();
    await expect(admin.getByText(lastError)).toBeHidden();
  } finally {
    await db.end();
  }
  await admin.context().close();
});
