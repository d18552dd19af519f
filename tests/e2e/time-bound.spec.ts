import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import type { TStack } from "../../scripts/stack/start-stack";
import { callEmulator } from "../support/emulator-control";
import { mailbox, signInAs } from "./support";
import { axeViolations } from "./support/axe";
import { startOwnStack } from "./support/own-stack";

// Time-bound access in the browser, on a portal of its own (its sweep every 2 s): a FullAccess
// grant with an end, approved and run as the approver; the end on the access page; the grant and
// its removal linked both ways; then the approver's sign-in revoked and the end come, the removal
// waits in Due removals and a helpdesk person removes it with their own token.
const MEGAN = mailbox("megan.bowen"); // Pacific Standard Time
const ALEX = mailbox("alex.wilber");

let stack: TStack;
let db: pg.Client;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startOwnStack("time-bound", { EXODESK_SWEEP_SECONDS: "2" });
  db = new pg.Client({ connectionString: stack.portalEnv.DATABASE_URL });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const control = <T>(method: "GET" | "POST", path: string, body?: unknown) => callEmulator<T>({ url: stack.emulatorUrl, caPath: stack.caCertPath }, method, path, body);

async function signedIn(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.portalUrl, ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await signInAs(page, user, "/mailboxes", stack.portalUrl);
  return page;
}

const alexHasFullAccess = async () =>
  (await control<{ mailboxPermissions: { user: string; accessRights: string[] }[] }>("GET", `/_emulator/state/mailboxes/${MEGAN}`)).mailboxPermissions.some(
    (p) => p.user.toLowerCase() === ALEX && p.accessRights.includes("FullAccess"),
  );

test("a FullAccess grant until a time: shown with its end, linked to its removal, and removed from Due removals when its executor cannot", async ({ browser }) => {
  test.setTimeout(180_000);
  const helpdesk = await signedIn(browser, "helpdesk");
  const approver = await signedIn(browser, "approver");

  // Asked for with an end, in Megan's own time zone; a past end is refused next to its field.
  await helpdesk.goto(`/mailboxes/${encodeURIComponent(MEGAN)}/access`);
  await helpdesk.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await helpdesk.getByLabel("Person").fill(ALEX);
  await helpdesk.getByLabel(/^Reason/).fill("Cover while Megan is on leave");
  const until = helpdesk.getByLabel(/^Until \(optional\), in the mailbox's time \(America\/Los_Angeles\)/);
  await until.fill("2020-01-15T17:30");
  await helpdesk.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(helpdesk.locator("#until-error")).toHaveText("Choose an end in the future.");
  await until.fill("2031-01-15T17:30");
  await helpdesk.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(helpdesk.getByText(/Sent for approval/)).toBeVisible();
  const grantPath = (await helpdesk.getByRole("link", { name: "See the request" }).getAttribute("href"))!;

  await approver.goto("/approvals");
  const item = approver.getByRole("listitem").filter({ hasText: "Cover while Megan is on leave" });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");
  expect(await alexHasFullAccess()).toBe(true);

  // The access page shows the right's end, in the mailbox's time and the viewer's.
  await helpdesk.goto(`/mailboxes/${encodeURIComponent(MEGAN)}/access`);
  const alexRow = helpdesk.getByRole("row").filter({ hasText: ALEX }).filter({ hasText: "FullAccess" });
  await expect(alexRow.getByTestId("right-until")).toContainText("until 15 Jan 2031, 17:30");
  await expect(alexRow.getByTestId("right-until")).toContainText("your time");

  // So does a mailbox report (in UTC, as its other times).
  await helpdesk.goto("/reports");
  await helpdesk.getByRole("button", { name: "Build a new report" }).click();
  await helpdesk.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(helpdesk.getByText(/Generated /)).toBeVisible({ timeout: 60_000 });
  await expect(helpdesk.locator(`tr[data-address="${MEGAN}"]`)).toContainText(`${ALEX} (until 2031-01-16 01:30 UTC)`);

  // Grant and removal link to each other.
  await helpdesk.goto(grantPath);
  await expect(helpdesk.getByText("15 Jan 2031, 17:30 GMT-8 (mailbox time)", { exact: true })).toBeVisible(); // Until
  await helpdesk.getByRole("link", { name: /^request [0-9a-f-]{36}$/ }).filter({ hasNotText: grantPath.split("/").pop()! }).first().click();
  await expect(helpdesk.getByRole("heading", { level: 1, name: /Remove FullAccess: Megan Bowen/ })).toBeVisible();
  await expect(helpdesk.getByTestId("request-status")).toHaveText("Scheduled");
  await helpdesk.getByRole("link", { name: `request ${grantPath.split("/").pop()}` }).click();
  await expect(helpdesk).toHaveURL(new RegExp(`${grantPath}$`));

  // The approver's sessions are revoked (their refresh token and, by continuous access
  // evaluation, their access token); then the end comes: moved into the past in the database,
  // as the sweep's clock will see it in 2031.
  await control("POST", "/_emulator/revoke", { upn: mailbox("approver") });
  await control("POST", "/_emulator/critical-event", { upn: mailbox("approver") });
  await db.query(`UPDATE "Request" SET "dueAt" = now() - interval '1 second' WHERE "removalOfId" = $1`, [grantPath.split("/").pop()]);

  // The sweep hands it to the helpdesk: the badge and the queue show it.
  const queued = helpdesk.getByRole("listitem").filter({ hasText: /Alex Wilber/ });
  await expect(async () => {
    await helpdesk.goto("/removals");
    await expect(queued).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000, intervals: [1000] });
  await expect(helpdesk.getByRole("link", { name: /Due removals/ })).toContainText("1");
  await expect(queued).toContainText(`The sign-in of ${mailbox("approver")} could not be renewed`);
  expect(await alexHasFullAccess()).toBe(true);
  expect.soft(await axeViolations(helpdesk), "axe violations on Due removals with a removal waiting").toEqual([]);

  await queued.getByRole("button", { name: /^Remove now:/ }).click();
  await expect(queued.getByRole("status")).toContainText("Done and verified");
  // The header's badge follows without a reload (the queue is not rendered again).
  await expect(helpdesk.getByRole("link", { name: /Due removals/ })).toHaveText("Due removals");
  expect(await alexHasFullAccess()).toBe(false);
  const { calls } = await control<{ calls: { cmdlet: string | null; upn: string }[] }>("GET", "/_emulator/calls");
  expect(calls.filter((c) => c.cmdlet === "Remove-MailboxPermission").map((c) => c.upn)).toEqual([mailbox("helpdesk")]);
  expect.soft(await axeViolations(helpdesk), "axe violations on Due removals after Remove now").toEqual([]);
  await helpdesk.reload();
  await expect(helpdesk.getByText("Nothing is waiting for someone.")).toBeVisible();
  await expect(helpdesk.getByRole("link", { name: /Due removals/ })).toHaveText("Due removals");
});
