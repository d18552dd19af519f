import { expect, test, type Locator, type Page } from "@playwright/test";
import { setApprovalPolicies } from "./policy-support";
import { emulator, mailbox, openAutoReply, pasteHtml, replyEditor, signInAs } from "./support";

// Issue #13 point 5: an automatic reply is HTML that someone else wrote (in Outlook, or through
// ExoDesk). Shown inside the portal, none of its links may take the portal's own tab elsewhere:
// a link opens a new tab without an opener, or is plain text.
const PHISHING = 'ExoDesk: your session expired, <a href="https://evil.example/login">sign in again</a>';
const VARIANTS = [
  '<a href="https:evil.example/slashless">no slashes</a>',
  '<a href="\\\\evil.example\\share">backslashes</a>',
  '<a href="//evil.example/protocol-relative">protocol-relative</a>',
  '<a href="/\\evil.example/mixed">mixed slashes</a>',
  "<a href=\"JaVaScRiPt:location='https://evil.example/script'\">script</a>",
  '<a href="&#104;ttps&#58;//evil.example/encoded">encoded</a>',
].join(" ");
// What Exchange holds when the owner set it in Outlook: every variant.
const HELD = `<p>${PHISHING}</p><p>${VARIANTS}</p>`;
// What a helpdesk person can send through ExoDesk (script links are refused there).
const SENT = `<p>${PHISHING}</p><p><a href="https:evil.example/slashless">no slashes</a></p>`;
const TARGET = "adele.vance";

test.describe.configure({ mode: "serial" });

test.beforeEach(async ({ page }) => {
  await emulator().post("/_emulator/reset");
  // Wherever a link leads, the test network answers for it (nothing leaves the machine).
  await page.context().route(/evil\.example/, (route) => route.fulfill({ contentType: "text/html", body: "<p>Not the portal</p>" }));
});

test.afterEach(async ({ page }) => {
  await setApprovalPolicies(page, ["Set automatic replies"], false);
});

// Clicks every link inside `message` and checks the portal's tab stayed where it was; returns
// how many links there were. Any link to the phishing host anywhere on the page must open
// outside the tab too.
async function clickEveryLink(page: Page, message: Locator): Promise<number> {
  await expect(message.first()).toBeVisible();
  const portal = page.url();
  for (const link of await page.locator('a[href*="evil.example"]').all()) {
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  }
  const links = await message.locator("a").all();
  for (const link of links) {
    const opened = page.context().waitForEvent("page");
    await link.click();
    const popup = await opened;
    await popup.waitForLoadState("domcontentloaded");
    expect(new URL(popup.url()).origin, "the new tab is not the portal").not.toBe(new URL(portal).origin);
    expect(await popup.evaluate(() => window.opener === null), "the new tab cannot reach the portal's window").toBe(true);
    await popup.close();
    await expect(page).toHaveURL(portal);
  }
  return links.length;
}

test("the phishing auto-reply cannot navigate the portal's tab from any page that shows it", async ({ page }) => {
  await emulator().post("/_emulator/auto-reply", { mailbox: mailbox(TARGET), autoReplyState: "Enabled", internalMessage: HELD, externalMessage: HELD, externalAudience: "All" });
  await setApprovalPolicies(page, ["Set automatic replies"], true);

  // 1. The mailbox's "Current setting": only absolute links survive, each opening elsewhere,
  //    with where it leads printed after it.
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox(TARGET));
  const shown = page.locator(".prose-message");
  await expect(shown).toHaveCount(2);
  for (const message of await shown.all()) {
    expect(await clickEveryLink(page, message)).toBe(3);
    await expect(message).toContainText("sign in again (https://evil.example/login)");
    await expect(message).toContainText("no slashes (https://evil.example/slashless)");
    await expect(message).toContainText("encoded (https://evil.example/encoded)");
    // The other forms are plain text.
    for (const text of ["backslashes", "protocol-relative", "mixed slashes", "script"]) await expect(message.getByText(text, { exact: true })).toHaveCount(1);
    await expect(message.locator("a", { hasText: /backslashes|protocol-relative|mixed slashes|script/ })).toHaveCount(0);
  }

  // 2. The same message sent through ExoDesk, so it is on the request, the queue and the audit.
  await pasteHtml(replyEditor(page, "internal"), SENT);
  await pasteHtml(replyEditor(page, "external"), SENT);
  await page.getByLabel(/^Reason/).fill("Phishing auto-reply journey");
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const requestId = page.url().split("/").pop()!;
  // In the change's before/after the messages are text: destinations printed, nothing to click.
  const inWords = () => page.getByRole("blockquote").filter({ hasText: "(https://evil.example/login)" });
  await expect(inWords()).toHaveCount(2);
  expect(await clickEveryLink(page, inWords())).toBe(0);

  // 3. The approver's queue, then the request once approved (before and after hold it too).
  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  const item = page.locator(`li[data-request-id="${requestId}"]`);
  await expect(item.getByRole("blockquote").filter({ hasText: "(https://evil.example/login)" })).toHaveCount(4); // before and after, inside and outside
  expect(await clickEveryLink(page, item.getByRole("blockquote").filter({ hasText: "evil.example" }))).toBe(0);
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await expect(inWords()).toHaveCount(4);
  expect(await clickEveryLink(page, inWords())).toBe(0);
  await page.getByText("Technical details", { exact: true }).click();
  await expect(page.locator("pre").filter({ hasText: "evil.example" })).toHaveCount(3);
  expect(await clickEveryLink(page, page.locator("pre").filter({ hasText: "evil.example" }))).toBe(0);

  // 4. The auditor's record of the request (its before and after) and the mailbox's history.
  await page.context().clearCookies();
  await signInAs(page, "auditor", `/audit/requests/${requestId}`);
  await expect(inWords()).toHaveCount(4);
  expect(await clickEveryLink(page, inWords())).toBe(0);
  await page.goto(`/audit/mailboxes/${encodeURIComponent(mailbox(TARGET))}`);
  await expect(page.locator('a[href*="evil.example"]')).toHaveCount(0);

  // 5. The mailbox page again, now showing what ExoDesk sent.
  await page.context().clearCookies();
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox(TARGET));
  for (const message of await page.locator(".prose-message").all()) expect(await clickEveryLink(page, message)).toBe(2);
});
