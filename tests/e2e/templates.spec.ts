import { expect, test, type Browser, type Page } from "@playwright/test";
import { axeViolations } from "./support/axe";
import { applyVerified, autoReplyOf, changeCalls, emulator, mailbox, openAutoReply, postedMessage, replyEditor, signInAs } from "./support";

// Automatic-reply templates: the admin keeps the library, the helpdesk starts replies from it.
// Journeys share the database, so every template name here is this run's own.
test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
});

// WCAG 2.1 A/AA in what this part of the portal adds: the templates page's content, the picker.
async function expectAccessible(page: Page, selector: string) {
  expect(await axeViolations(page, [selector])).toEqual([]);
}

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

async function asUser(browser: Browser, user: string, startPath: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signInAs(page, user, startPath);
  return page;
}

async function createTemplate(page: Page, name: string, internal: string, external = "") {
  const form = page.getByRole("form", { name: "New template" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  // The replies are written in the message editor, placeholders typed as text.
  await replyEditor(form, "internal").fill(internal);
  if (external) await replyEditor(form, "external").fill(external);
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template "${name}" created.`);
}

test("an admin creates, edits and deletes a template; a wrong placeholder is refused; the auditor reads every change", async ({ page, browser }) => {
  await signInAs(page, "admin", "/");
  await page.getByRole("link", { name: "Templates" }).click();
  await expect(page.getByRole("heading", { name: "Automatic-reply templates" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "{{endDate}}" })).toBeVisible();

  const name = unique("Holiday");
  const form = page.getByRole("form", { name: "New template" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  const internal = replyEditor(form, "internal");
  await internal.fill("{{displayname}} is away.");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByText(/\{\{displayname\}\} is not a placeholder ExoDesk knows\. Use \{\{displayName\}\}/)).toBeVisible();
  // Refused: what was typed is still there to correct.
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(postedMessage(form, "internal")).toHaveValue("<p>{{displayname}} is away.</p>");
  // Rewritten with the end in bold: the placeholder is typed inside the bold text as it is.
  await internal.fill("{{displayName}} is away until ");
  await form.getByRole("button", { name: "Bold" }).first().click();
  await internal.pressSequentially("{{endDate}}");
  await form.getByRole("button", { name: "Bold" }).first().click();
  await internal.pressSequentially(".");
  await expect(postedMessage(form, "internal")).toHaveValue("<p>{{displayName}} is away until <strong>{{endDate}}</strong>.</p>");
  await form.getByRole("button", { name: "Create template" }).click();
  await expect(form.getByRole("status")).toHaveText(`Template "${name}" created.`);
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(postedMessage(form, "internal")).toHaveValue("");

  const renamed = `${name} (edited)`;
  await page.getByText(name, { exact: true }).click();
  const edit = page.getByRole("form", { name: `Edit template ${name}` });
  await expect(postedMessage(edit, "internal")).toHaveValue("<p>{{displayName}} is away until <strong>{{endDate}}</strong>.</p>");
  await edit.getByLabel("Name", { exact: true }).fill(renamed);
  // Bold switched on halfway through a placeholder formats the whole placeholder: its HTML is
  // never split into {{display<strong>Name</strong>}}, which no check or filling would read.
  const edited = replyEditor(edit, "internal");
  await edited.fill("{{display");
  await edit.getByRole("button", { name: "Bold" }).first().click();
  await edited.pressSequentially("Name}}");
  await edit.getByRole("button", { name: "Bold" }).first().click();
  await edited.pressSequentially(" is off until {{endDate}}.");
  await edited.press("Enter");
  await edit.getByRole("button", { name: "Bulleted list" }).first().click();
  await edited.pressSequentially("Urgent: {{coverName}}");
  const saved = "<p><strong>{{displayName}}</strong> is off until {{endDate}}.</p><ul><li><p>Urgent: {{coverName}}</p></li></ul>";
  await expect(postedMessage(edit, "internal")).toHaveValue(saved);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await page.getByText(renamed, { exact: true }).click();
  const reopened = page.getByRole("form", { name: `Edit template ${renamed}` });
  await expect(postedMessage(reopened, "internal")).toHaveValue(saved);
  await expect(replyEditor(reopened, "internal").locator("strong")).toHaveText("{{displayName}}");
  await expect(replyEditor(reopened, "internal").locator("li")).toHaveText("Urgent: {{coverName}}");
  // The preview shows it as recipients will, placeholders still to fill.
  await reopened.getByRole("button", { name: "Preview", exact: true }).first().click();
  await expect(reopened.frameLocator("iframe[title^='Preview']").locator("strong")).toHaveText("{{displayName}}");
  await expectAccessible(page, "main");
  await page.getByRole("button", { name: `Delete template ${renamed}` }).click();
  await expect(page.getByText(renamed, { exact: true })).toHaveCount(0);

  const auditor = await asUser(browser, "auditor", `/audit?type=template.changed&actor=${encodeURIComponent(mailbox("admin"))}`);
  const rows = auditor.locator("tbody tr");
  await expect(rows.filter({ hasText: `Template "${name}" created.` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `Template "${renamed}" edited: renamed from "${name}", internal text changed.` })).toHaveCount(1);
  await expect(rows.filter({ hasText: `Template "${renamed}" deleted.` })).toHaveCount(1);
});

test("helpdesk picks a template for one mailbox: its name, the end in its own zone and language, and the colleague covering", async ({ page, browser }) => {
  const name = unique("Away with cover");
  const admin = await asUser(browser, "admin", "/admin/templates");
  await createTemplate(admin, name, "{{displayName}} is away until {{endDate}}. Ask {{coverName}} ({{coverAddress}}).", "Back after {{endDateTime}}.");

  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await page.getByRole("radio", { name: "On" }).check();
  await page.getByLabel("Template", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Use template" }).click();
  // No end while the replies are simply on, and no colleague yet: nothing is filled in.
  await expect(page.getByText(/^Template not used\. \{\{endDate\}\}, \{\{coverName\}\}, \{\{coverAddress\}\}, \{\{endDateTime\}\} cannot be filled/)).toBeVisible();

  // A placeholder typed by hand has no value here either: refused, and Exchange never sees it.
  await replyEditor(page, "internal").fill("Back {{endDate}}.");
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.locator("#internalMessage-error")).toHaveText(/^\{\{endDate\}\} is a placeholder with no value here/);
  expect((await changeCalls()).length).toBe(0);

  await page.getByRole("radio", { name: "Scheduled" }).check();
  await page.getByLabel(/^Start \(Europe\/Berlin/).fill("2030-12-10T09:00");
  await page.getByLabel(/^End \(Europe\/Berlin/).fill("2030-12-16T18:00");
  await page.getByLabel("Colleague covering the absence").fill("alex wil");
  await page.getByRole("button", { name: /Alex Wilber/ }).click();
  await expect(page.getByText("Alex Wilber (alex.wilber@contoso.onmicrosoft.com)")).toBeVisible();
  await expectAccessible(page, "#template-picker");
  await page.getByRole("button", { name: "Use template" }).click();
  await expect(page.getByText(`Template "${name}" used: edit the messages below if needed.`)).toBeVisible();
  await page.getByLabel("Reply to senders outside the organisation").selectOption("All");
  await applyVerified(page);

  const state = await autoReplyOf("adele.vance");
  expect(state.internalMessage).toContain("<p>Adele Vance is away until Montag, 16. Dezember 2030. Ask Alex Wilber (alex.wilber@contoso.onmicrosoft.com).</p>");
  expect(state.externalMessage).toContain("<p>Back after Montag, 16. Dezember 2030 um 18:00.</p>");
});

test("helpdesk applies a template to two mailboxes in different time zones and languages: each gets its own name and end date", async ({ page, browser }) => {
  const name = unique("Team away");
  const admin = await asUser(browser, "admin", "/admin/templates");
  await createTemplate(admin, name, "{{displayName}} is away until {{endDate}}.");

  await signInAs(page, "helpdesk", "/bulk/new");
  await page.getByLabel(/^Addresses/).fill(`${mailbox("adele.vance")}\n${mailbox("megan.bowen")}`);
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toContainText("2 mailboxes ready.");
  await page.getByRole("radio", { name: "Scheduled" }).check();
  await page.getByLabel("Time zone of the schedule").selectOption("UTC");
  await page.getByLabel("Start", { exact: true }).fill("2030-12-10T09:00");
  // 23:30 UTC on Monday 16 December 2030: Tuesday already in Berlin, Monday afternoon in Seattle.
  await page.getByLabel("End", { exact: true }).fill("2030-12-16T23:30");
  await page.getByLabel("Template", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Use template" }).click();
  await expect(page.getByText("The name and end date are filled for each mailbox when you submit.")).toBeVisible();
  await page.getByRole("button", { name: "Set automatic replies for 2 mailboxes" }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}$/);

  await expect.poll(async () => (await autoReplyOf("adele.vance")).internalMessage, { timeout: 30_000 }).toContain("<p>Adele Vance is away until Dienstag, 17. Dezember 2030.</p>");
  await expect.poll(async () => (await autoReplyOf("megan.bowen")).internalMessage, { timeout: 30_000 }).toContain("<p>Megan Bowen is away until Monday, December 16, 2030.</p>");
});
