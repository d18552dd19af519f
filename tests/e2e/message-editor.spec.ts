import { expect, test, type Page } from "@playwright/test";
import { applyVerified, autoReplyOf, emulator, mailbox, openAutoReply, pasteHtml, postedMessage, replyEditor, signInAs } from "./support";

// Issue 18 points 1, 3 and 8: automatic replies written in a rich-text editor (what Exchange
// stores is the sanitised HTML, and it opens with the same formatting), Outlook's messages
// opened cleaned, a past schedule replaced by a future one, and the change made with the
// keyboard alone.

test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
});

// A message as Outlook stores it in Exchange: a whole document, Word's style sheet, meta tags,
// MsoNormal paragraphs, <o:p> and styled spans.
const OUTLOOK = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="Generator" content="Microsoft Word 15 (filtered medium)">
<style><!-- p.MsoNormal, li.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;} --></style></head>
<body lang="EN-GB" link="#0563C1"><div class="WordSection1">
<p class="MsoNormal">I am out of the office until <b><span style="font-family:Arial">Monday</span></b>.<o:p></o:p></p>
<p class="MsoNormal"><span style="mso-fareast-language:EN-US">For urgent matters contact <a href="mailto:alex.wilber@contoso.onmicrosoft.com"><span style="color:#0563C1">Alex Wilber</span></a>.</span><o:p></o:p></p>
</div></body></html>`;
const OUTLOOK_CLEANED = '<p>I am out of the office until <strong>Monday</strong>.</p><p>For urgent matters contact <a href="mailto:alex.wilber@contoso.onmicrosoft.com">Alex Wilber</a>.</p>';

test("a reply written with bold, a link and a list is stored as that HTML and opens with the same formatting", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await page.getByRole("radio", { name: "On" }).check();
  const editor = replyEditor(page, "internal");
  await editor.fill("Away today. Ask ");
  await page.getByRole("button", { name: "Bold" }).first().click();
  await editor.pressSequentially("Alex");
  await page.getByRole("button", { name: "Bold" }).first().click();
  await editor.pressSequentially(" or read the ");
  // The link control: a labelled field in the page, no prompt.
  await page.getByRole("button", { name: "Link" }).first().click();
  await page.getByLabel("Link address").fill("https://contoso.example/help");
  await page.getByRole("button", { name: "Add link" }).click();
  await editor.pressSequentially(".");
  await editor.press("Enter");
  await page.getByRole("button", { name: "Bulleted list" }).first().click();
  await expect(page.getByRole("button", { name: "Bulleted list" }).first()).toHaveAttribute("aria-pressed", "true");
  await editor.pressSequentially("Invoices: Megan");
  await editor.press("Enter");
  await editor.pressSequentially("Contracts: Lynne");
  await page.getByLabel("Reply to senders outside the organisation").selectOption("None");

  const expected =
    '<p>Away today. Ask <strong>Alex</strong> or read the <a href="https://contoso.example/help">https://contoso.example/help</a>.</p>' +
    "<ul><li><p>Invoices: Megan</p></li><li><p>Contracts: Lynne</p></li></ul>";
  await expect(postedMessage(page, "internal")).toHaveValue(expected);
  // The preview shows it as recipients will.
  await page.getByRole("button", { name: "Preview", exact: true }).click();
  const preview = page.frameLocator("iframe[title^='Preview']");
  await expect(preview.locator("strong")).toHaveText("Alex");
  await expect(preview.locator("li")).toHaveText(["Invoices: Megan", "Contracts: Lynne"]);

  await applyVerified(page);
  // The server's sanitiser left the editor's HTML exactly as it was.
  expect((await autoReplyOf("adele.vance")).internalMessage).toContain(expected);

  await openAutoReply(page, "adele", mailbox("adele.vance"));
  const reopened = replyEditor(page, "internal");
  await expect(reopened.locator("strong")).toHaveText("Alex");
  await expect(reopened.getByRole("link", { name: "https://contoso.example/help" })).toHaveAttribute("href", "https://contoso.example/help");
  await expect(reopened.locator("ul > li")).toHaveText(["Invoices: Megan", "Contracts: Lynne"]);
  await reopened.getByText("Alex", { exact: true }).click();
  await expect(page.getByRole("button", { name: "Bold" }).first()).toHaveAttribute("aria-pressed", "true");
  // Opened and not changed, the message is posted as it was stored.
  await expect(postedMessage(page, "internal")).toHaveValue(expected);
});

test("a message written in Outlook opens cleaned and can be submitted unchanged; pasted from Word, it is cleaned the same way", async ({ page }) => {
  await emulator().post("/_emulator/auto-reply", { mailbox: mailbox("megan.bowen"), autoReplyState: "Enabled", internalMessage: OUTLOOK, externalAudience: "None" });
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "megan", mailbox("megan.bowen"));
  const editor = replyEditor(page, "internal");
  await expect(editor.locator("strong")).toHaveText("Monday");
  await expect(editor.getByRole("link", { name: "Alex Wilber" })).toHaveAttribute("href", "mailto:alex.wilber@contoso.onmicrosoft.com");
  await expect(editor).not.toContainText("MsoNormal");
  expect(await editor.locator("[style], [class], span").count()).toBe(0);
  await expect(postedMessage(page, "internal")).toHaveValue(OUTLOOK_CLEANED);

  await applyVerified(page);
  const stored = (await autoReplyOf("megan.bowen")).internalMessage ?? "";
  expect(stored).toContain(OUTLOOK_CLEANED);
  expect(stored).not.toMatch(/<style|<meta|Mso|o:p|style=/i);

  // The same message pasted from Word into the external reply.
  await page.getByLabel("Reply to senders outside the organisation").selectOption("All");
  await pasteHtml(replyEditor(page, "external"), OUTLOOK);
  await expect(postedMessage(page, "external")).toHaveValue(OUTLOOK_CLEANED);
});

test("a mailbox whose schedule ended gets a future window, which can be submitted unchanged", async ({ page }) => {
  // Pradeep's replies are still Scheduled, from 20 December 2024 to 6 January 2025 (Asia/Kolkata).
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "pradeep", mailbox("pradeep.gupta"));
  await expect(page.getByTestId("current-state")).toHaveText("Scheduled");
  // Chosen again from another state, it is the same kind of window.
  await page.getByRole("radio", { name: "On" }).check();
  await page.getByRole("radio", { name: "Scheduled" }).check();
  const start = await page.getByLabel(/^Start \(Asia\/(Calcutta|Kolkata)/).inputValue();
  const end = await page.getByLabel(/^End \(Asia\/(Calcutta|Kolkata)/).inputValue();
  // India has no daylight saving: the wall clock is UTC + 5:30 all year.
  const toUtc = (local: string) => Date.parse(`${local}:00+05:30`);
  const now = Date.now();
  expect(start).toMatch(/T\d\d:00$/);
  expect(toUtc(start)).toBeGreaterThan(now);
  expect(toUtc(start)).toBeLessThanOrEqual(now + 3_600_000);
  expect(end.slice(11)).toBe(start.slice(11));
  const endDay = new Date(`${end.slice(0, 10)}T00:00:00Z`).getUTCDay();
  expect([1, 2, 3, 4, 5]).toContain(endDay);
  expect(toUtc(end) - toUtc(start)).toBeGreaterThanOrEqual(86_400_000);
  expect(toUtc(end) - toUtc(start)).toBeLessThanOrEqual(3 * 86_400_000);

  await applyVerified(page);
  const state = await autoReplyOf("pradeep.gupta");
  expect(state.autoReplyState).toBe("Scheduled");
  expect(Date.parse(state.startTime)).toBe(toUtc(start));
  expect(Date.parse(state.endTime)).toBe(toUtc(end));
});

test("the automatic-reply change with the keyboard alone, focus visible on every control", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await page.goto(`/mailboxes/${mailbox("adele.vance")}/auto-reply`);
  await expect(page.getByRole("heading", { name: /Automatic replies for/ })).toBeVisible();

  // To the state: the radio group is one Tab stop; the arrow keys choose within it.
  await tabUntil(page, "Tab", async () => (await focused(page)).name === "autoReplyState");
  for (let i = 0; i < 3 && !(await page.getByRole("radio", { name: "On" }).isChecked()); i++) await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "On" })).toBeChecked();
  await expect(replyEditor(page, "internal")).toBeVisible();

  // Through the toolbar to the text.
  await tabUntil(page, "Tab", async () => (await focused(page)).role === "textbox");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Away today. Ask ");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.type("Alex");
  await page.keyboard.press("ControlOrMeta+b");
  await page.keyboard.type(" or read ");
  await page.keyboard.press("ControlOrMeta+k");
  expect(await focused(page)).toMatchObject({ label: "Link address" });
  await expectFocusVisible(page);
  await page.keyboard.type("https://contoso.example/help");
  await page.keyboard.press("Enter");
  // The editor takes the focus back on the next frame.
  await expect.poll(async () => (await focused(page)).role).toBe("textbox");
  await page.keyboard.type(".");
  await page.keyboard.press("Enter");
  // Back to the toolbar's "Bulleted list" (Shift+Tab), Space presses it and returns to the text.
  await tabUntil(page, "Shift+Tab", async () => (await focused(page)).text === "Bulleted list");
  await page.keyboard.press("Space");
  // The editor takes the focus back on the next frame.
  await expect.poll(async () => (await focused(page)).role).toBe("textbox");
  await page.keyboard.type("Invoices: Megan");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Contracts: Lynne");

  // Tab leaves the list and the editor; the external reply (Adele's go to all external senders).
  await tabUntil(page, "Tab", async () => (await focused(page)).labelledBy === "externalMessage-label");
  await page.keyboard.type("Away today.");
  await tabUntil(page, "Tab", async () => (await focused(page)).text === "Apply change");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Done and verified")).toBeVisible();
  const state = await autoReplyOf("adele.vance");
  expect(state.autoReplyState).toBe("Enabled");
  expect(state.internalMessage).toContain(
    '<p>Away today. Ask <strong>Alex</strong> or read <a href="https://contoso.example/help">https://contoso.example/help</a>.</p>' +
      "<ul><li><p>Invoices: Megan</p></li><li><p>Contracts: Lynne</p></li></ul>",
  );
});

type TFocused = { role: string | null; name: string | null; text: string; label: string | null; labelledBy: string | null };

async function focused(page: Page): Promise<TFocused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const input = el as HTMLInputElement | null;
    return {
      labelledBy: el?.getAttribute("aria-labelledby") ?? null,
      role: el?.getAttribute("role") ?? null,
      name: input?.name || null,
      text: el?.innerText.trim() ?? "",
      label: input?.labels?.[0]?.textContent?.trim() ?? null,
    };
  });
}

// The focused control shows where the focus is: an outline or a ring (box-shadow).
async function expectFocusVisible(page: Page) {
  const look = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return { what: el.outerHTML.slice(0, 120), outline: style.outlineStyle !== "none" && style.outlineWidth !== "0px", ring: style.boxShadow !== "none" };
  });
  expect(look.outline || look.ring, `no visible focus on ${look.what}`).toBe(true);
}

// Presses `key` until `arrived` holds, checking that each control focused on the way shows it.
async function tabUntil(page: Page, key: "Tab" | "Shift+Tab", arrived: () => Promise<boolean>) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press(key);
    await expectFocusVisible(page);
    if (await arrived()) return;
  }
  throw new Error(`Pressed ${key} 60 times without arriving.`);
}
