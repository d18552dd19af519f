import { expect, test, type Locator, type Page } from "@playwright/test";
import { applyVerified, emulator, mailbox, openAutoReply, pasteHtml, replyEditor, signInAs } from "./support";
import { axeViolations } from "./support/axe";

// Approvers, requesters and auditors read a change as a sentence and a before/after in words;
// the request and the states as stored stay behind "Technical details", closed until opened.
const ALEX = mailbox("alex.wilber");
const MEGAN = mailbox("megan.bowen");

// What a person sees in `region` (a closed <details> shows only its summary) holds no JSON.
async function expectNoRawJson(region: Locator) {
  await expect(region.locator("details")).not.toHaveAttribute("open");
  const seen = await region.innerText();
  expect(seen).toContain("Technical details");
  expect(seen).not.toMatch(/\{"|"\w+":|"autoMapping"|"fullAccess"|"autoReplyState"/);
}

async function openTechnicalDetails(region: Locator): Promise<Locator> {
  await region.getByText("Technical details", { exact: true }).click();
  const details = region.locator("details");
  await expect(details).toHaveAttribute("open");
  return details;
}

// The sentence, the diff and the opened details pass WCAG 2.1 A/AA (the rest of each page is
// the accessibility journeys' part).
async function expectAccessible(page: Page, diffName: string) {
  expect(await axeViolations(page, ["[data-testid=change-sentence]", `ul[aria-label="${diffName}"]`, "main details"])).toEqual([]);
}

const diff = (region: Locator | Page, name: string) => region.getByRole("list", { name });

test.describe.configure({ mode: "serial" });

test("a FullAccess grant reads as a sentence and a diff in the queue, on its request page and in the audit record", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk", `/mailboxes/${encodeURIComponent(MEGAN)}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(ALEX);
  await page.getByLabel(/^Reason/).fill("Plain words: Alex covers Megan's inbox");
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();

  // The approver's queue: what will happen, against the mailbox as it is now.
  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  const item = page.getByRole("listitem").filter({ hasText: "Plain words: Alex covers Megan's inbox" });
  await expect(item.getByRole("heading", { level: 2 }).first()).toHaveText(`Alex Wilber will get full access to Megan Bowen's mailbox, added to their Outlook automatically`);
  await expect(diff(item, "What changes").getByRole("listitem")).toHaveText([`Full access: + Alex Wilber (${ALEX})`]);
  await expectNoRawJson(item);
  const queued = await openTechnicalDetails(item);
  await expect(queued).toContainText(`"trustee": "${ALEX}"`);
  await expect(queued).toContainText('"autoMapping": true');
  await expect(queued).toContainText('"fullAccess": false'); // the mailbox now, read with the approver's token
  const id = (await item.getAttribute("data-request-id"))!;

  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");

  // The request page, once it ran: the same change in the past tense, as it read back.
  await item.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(`**/requests/${id}`);
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  const main = page.getByRole("main");
  await expect(page.getByTestId("change-sentence")).toHaveText(`Alex Wilber got full access to Megan Bowen's mailbox, added to their Outlook automatically.`);
  await expect(page.getByRole("heading", { name: "What changed" })).toBeVisible();
  await expect(diff(main, "What changed").getByRole("listitem")).toHaveText([`Full access: + Alex Wilber (${ALEX})`]);
  await expectNoRawJson(main);
  const stored = await openTechnicalDetails(main);
  await expect(stored.locator("pre")).toHaveText([/"autoMapping": true/, /"fullAccess": false/, /"fullAccess": true/]);
  await expectAccessible(page, "What changed");

  // The auditor's record of it.
  await page.context().clearCookies();
  await signInAs(page, "auditor", `/audit/requests/${id}`);
  await expect(page.getByTestId("change-sentence")).toHaveText(`Alex Wilber got full access to Megan Bowen's mailbox, added to their Outlook automatically.`);
  await expect(diff(main, "Before and after").getByRole("listitem")).toHaveText([`Full access: + Alex Wilber (${ALEX})`]);
  await expectNoRawJson(main);
  await expect((await openTechnicalDetails(main)).locator("pre")).toHaveText([/"trustee": "alex\.wilber@/, /"fullAccess": false/, /"fullAccess": true/]);
});

test("an automatic-reply change reads as a sentence, the state it moved between and its new message as text", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await page.getByRole("radio", { name: "On" }).check();
  // A paragraph and a list, pasted into the editor; nobody outside gets a reply.
  await pasteHtml(replyEditor(page, "internal"), "<p>Adele is away &amp; back on Monday.</p><ul><li>Sales: ask Alex</li></ul>");
  await page.getByLabel("Reply to senders outside the organisation").selectOption("None");
  await applyVerified(page);
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;

  const main = page.getByRole("main");
  const expectChange = async (name: string) => {
    await expect(page.getByTestId("change-sentence")).toHaveText("Automatic replies for Adele Vance were turned on, for people inside the organisation only.");
    const lines = diff(main, name).locator(":scope > li");
    await expect(lines.first()).toHaveText("Automatic replies: Off → On");
    const message = lines.filter({ hasText: "Message inside the organisation: changed" }).getByRole("blockquote").last();
    await expect(message).toHaveText("Adele is away & back on Monday.\n• Sales: ask Alex", { useInnerText: true });
    await expect(message.locator("*")).toHaveCount(0); // text, not markup
    await expectNoRawJson(main);
    await expect((await openTechnicalDetails(main)).locator("pre").nth(2)).toContainText('"autoReplyState": "Enabled"');
    await expectAccessible(page, name);
  };
  await expectChange("What changed");

  await page.context().clearCookies();
  await signInAs(page, "auditor", `/audit/requests/${id}`);
  await expectChange("Before and after");
});

test("a time-bound grant reads with its end in the queue, and its scheduled removal says when it runs, on its request page and in the audit record", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  const reason = `Plain words: Alex covers Megan until January (${Date.now()})`;
  await signInAs(page, "helpdesk", `/mailboxes/${encodeURIComponent(MEGAN)}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(ALEX);
  await page.getByLabel(/^Reason/).fill(reason);
  // Megan's mailbox is in Pacific Time: 17:30 there is 01:30 UTC the next day.
  await page.getByLabel(/^Until \(optional\), in the mailbox's time \(America\/Los_Angeles\)/).fill("2031-01-15T17:30");
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();

  // The approver reads the end in the sentence, the person added in the diff, and no JSON.
  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals");
  const item = page.getByRole("listitem").filter({ hasText: reason });
  await expect(item.getByRole("heading", { level: 2 }).first()).toHaveText(
    "Alex Wilber will get full access to Megan Bowen's mailbox, added to their Outlook automatically, until 15 Jan 2031, 17:30 GMT-8",
  );
  await expect(diff(item, "What changes").getByRole("listitem")).toHaveText([`Full access: + Alex Wilber (${ALEX})`]);
  await expectNoRawJson(item);
  const grantId = (await item.getAttribute("data-request-id"))!;
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");

  // The removal scheduled for the end, reached from the grant's page.
  await item.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(`**/requests/${grantId}`);
  const main = page.getByRole("main");
  await main.getByRole("definition").filter({ hasText: "scheduled for 15 Jan 2031, 17:30 GMT-8 (mailbox time)" }).getByRole("link").click();
  await page.waitForURL((url) => /^\/requests\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(grantId));
  const removalId = new URL(page.url()).pathname.split("/").pop()!;
  const removalSentence = "Alex Wilber will lose full access to Megan Bowen's mailbox, at the end of the grant, 15 Jan 2031, 17:30 GMT-8.";
  await expect(page.getByTestId("change-sentence")).toHaveText(removalSentence);
  await expect(diff(main, "What changes").getByRole("listitem")).toHaveText([`Full access: − Alex Wilber (${ALEX})`]);
  await expect(main.getByText("15 Jan 2031, 17:30 GMT-8 (mailbox time)", { exact: true })).toBeVisible(); // Due
  await expectNoRawJson(main);
  await expectAccessible(page, "What changes");

  // The auditor's record of the removal: the same sentence and the rows of time-bound work,
  // linked to the grant's record, which shows its end and its removal.
  await page.context().clearCookies();
  await signInAs(page, "auditor", `/audit/requests/${removalId}`);
  await expect(page.getByTestId("change-sentence")).toHaveText(removalSentence);
  await expect(diff(main, "Before and after").getByRole("listitem")).toHaveText([`Full access: − Alex Wilber (${ALEX})`]);
  const record = main.locator("dl");
  await expect(record.getByRole("term")).toContainText(["Due", "Ends the grant"]);
  await expect(record.getByRole("definition").filter({ hasText: "(mailbox time)" })).toHaveText("15 Jan 2031, 17:30 GMT-8 (mailbox time)");
  const submitted = main.locator('li[data-event-type="request.submitted"]');
  await expect(submitted).toContainText(`Remove FullAccess, the end of request ${grantId}, due 2031-01-16 01:30 UTC`);
  await expectNoRawJson(main);
  await expectAccessible(page, "Before and after");

  await record.getByRole("link", { name: `request ${grantId}` }).click();
  await page.waitForURL(`**/audit/requests/${grantId}`);
  await expect(page.getByTestId("change-sentence")).toHaveText(
    "Alex Wilber got full access to Megan Bowen's mailbox, added to their Outlook automatically, until 15 Jan 2031, 17:30 GMT-8.",
  );
  await expect(record.getByRole("term")).toContainText(["Until", "Removed by"]);
  await expect(record.getByText("15 Jan 2031, 17:30 GMT-8 (mailbox time)", { exact: true })).toBeVisible(); // Until
  await expect(record.getByRole("definition").filter({ hasText: `request ${removalId}` })).toContainText("scheduled for 15 Jan 2031, 17:30 GMT-8 (mailbox time)");
  await expect(record.getByRole("link", { name: `request ${removalId}` })).toHaveAttribute("href", `/audit/requests/${removalId}`);
  await expect(main.locator('li[data-event-type="request.submitted"]')).toContainText("Grant FullAccess, needs approval, until 2031-01-16 01:30 UTC");
});
