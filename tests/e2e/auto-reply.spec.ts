import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, changeCalls, emulator, fillEnabledReply, mailbox, openAutoReply, pasteHtml, postedMessage, replyEditor, signInAs } from "./support";

test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
});

test("helpdesk schedules automatic replies in the mailbox's own time zone and sees them verified", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "megan", mailbox("megan.bowen"));
  await expect(page.getByText("time zone Pacific Standard Time")).toBeVisible();

  await page.getByRole("radio", { name: "Scheduled" }).check();
  await page.getByLabel(/^Start \(America\/Los_Angeles/).fill("2030-12-24T09:00");
  await page.getByLabel(/^End \(America\/Los_Angeles/).fill("2031-01-02T17:30");
  const internal = replyEditor(page, "internal");
  await internal.fill("Out for the holidays. Ask ");
  await internal.press("ControlOrMeta+b");
  await internal.pressSequentially("Alex");
  await internal.press("ControlOrMeta+b");
  await internal.pressSequentially(".");
  await page.getByLabel("Reply to senders outside the organisation").selectOption("All");
  await replyEditor(page, "external").fill("Back on 3 January.");
  await applyVerified(page);
  const state = await autoReplyOf("megan.bowen");
  expect(state.autoReplyState).toBe("Scheduled");
  // 09:00 and 17:30 Pacific (UTC-8 in winter) are exactly these UTC instants.
  expect(new Date(state.startTime).toISOString()).toBe("2030-12-24T17:00:00.000Z");
  expect(new Date(state.endTime).toISOString()).toBe("2031-01-03T01:30:00.000Z");
  expect(state.internalMessage).toContain("<p>Out for the holidays. Ask <strong>Alex</strong>.</p>");
  expect(state.externalMessage).toContain("<p>Back on 3 January.</p>");
  expect(state.externalAudience).toBe("All");

  await page.getByRole("link", { name: "My requests" }).click();
  // Newest first; other journeys may have left requests for the same mailbox.
  const row = page.getByRole("row").filter({ hasText: "Set automatic replies" }).filter({ hasText: "Megan Bowen" }).first();
  await expect(row.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await row.getByRole("link", { name: "Details" }).click();
  await expect(page.getByText("Executed as")).toBeVisible();
  await expect(page.getByText(/helpdesk@contoso\.onmicrosoft\.com/).first()).toBeVisible();
  // The request tells its window in the zone it was written in, the mailbox's.
  await expect(page.getByTestId("change-sentence")).toContainText("from 24 Dec 2030, 09:00 GMT-8 to 2 Jan 2031, 17:30 GMT-8");

  // The mailbox page now shows the schedule in the mailbox's zone.
  await openAutoReply(page, "megan", mailbox("megan.bowen"));
  await expect(page.getByTestId("current-state")).toHaveText("Scheduled");
  await expect(page.getByText(/24 Dec 2030, 09:00 GMT-8/)).toBeVisible();
});

test("turning replies off is verified; doing it again shows Exchange's no-change warning", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "christie", mailbox("christie.cline"));
  await expect(page.getByTestId("current-state")).toHaveText("Enabled");
  await page.getByRole("radio", { name: "Off" }).check();
  await applyVerified(page);
  expect((await autoReplyOf("christie.cline")).autoReplyState).toBe("Disabled");

  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByText(/Exchange noted: .*no settings of .* have been modified/)).toBeVisible();
});

test.describe("invalid input gets a field error and never reaches Exchange", () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, "helpdesk");
    await openAutoReply(page, "adele", mailbox("adele.vance"));
    await emulator().del("/_emulator/calls");
  });

  test.afterEach(async () => {
    expect(await changeCalls()).toEqual([]);
  });

  test("enabling without a message, and nothing typed is lost", async ({ page }) => {
    await fillEnabledReply(page, "", { audience: "Known", message: "Kept" });
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#internalMessage-error")).toHaveText("Write the reply people inside the organisation get.");
    await expect(page.getByRole("radio", { name: "On" })).toBeChecked();
    await expect(page.getByLabel("Reply to senders outside the organisation")).toHaveValue("Known");
    await expect(replyEditor(page, "external")).toHaveText("Kept");
    await expect(postedMessage(page, "external")).toHaveValue("<p>Kept</p>");
  });

  test("an external audience without an external message", async ({ page }) => {
    await fillEnabledReply(page, "Away", { audience: "Known", message: "" });
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#externalMessage-error")).toContainText("Write the reply external senders get");
  });

  test("an end before the start", async ({ page }) => {
    await page.getByRole("radio", { name: "Scheduled" }).check();
    await page.getByLabel(/^Start/).fill("2030-05-10T09:00");
    await page.getByLabel(/^End/).fill("2030-05-09T09:00");
    await replyEditor(page, "internal").fill("Away");
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#endTime-error")).toHaveText("The end must be after the start.");
  });

  test("scripted HTML, posted past the editor (which cannot make it)", async ({ page }) => {
    await page.getByRole("radio", { name: "On" }).check();
    await replyEditor(page, "internal").fill("Away");
    const post = (html: string) => postedMessage(page, "internal").evaluate((el, v) => ((el as HTMLInputElement).value = v), html);
    await post('<p>Away</p><img src=x onerror="alert(1)">');
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#internalMessage-error")).toContainText("event handler (onerror)");
    await post("<p>Away</p><script>alert(1)</script>");
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#internalMessage-error")).toContainText("<script>");
  });

  test("oversized HTML", async ({ page }) => {
    await page.getByRole("radio", { name: "On" }).check();
    await pasteHtml(replyEditor(page, "internal"), `<p>${"x".repeat(70_000)}</p>`);
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#internalMessage-error")).toContainText("under 64 KB");
  });

  test("an unknown mailbox", async ({ page }) => {
    // A crafted post (or a mailbox deleted since the page loaded): the server resolves it first.
    await fillEnabledReply(page, "Away");
    await page.locator('input[name="identity"]').evaluate((el) => ((el as HTMLInputElement).value = "nobody.here@contoso.onmicrosoft.com"));
    await page.getByRole("button", { name: "Apply change" }).click();
    await expect(page.locator("#identity-error")).toContainText('No mailbox matches "nobody.here@contoso.onmicrosoft.com"');
  });
});
