import { expect, test } from "@playwright/test";
import { autoReplyOf, changeCalls, emulator, mailbox, openAutoReply, signInAs } from "./support";

test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
});

test("a helpdesk whose write scope is Sales gets Exchange's write-scope refusal outside Sales; the request is FAILED and nothing changes", async ({ page }) => {
  const before = await autoReplyOf("megan.bowen");
  await signInAs(page, "writescope.helpdesk");
  await openAutoReply(page, "megan", mailbox("megan.bowen"));
  await page.getByRole("radio", { name: "On" }).check();
  await page.getByLabel(/inside the organisation/).fill("<p>Away</p>");
  await page.getByLabel("Reply to senders outside the organisation").selectOption("None");
  await page.getByRole("button", { name: "Apply change" }).click();

  const outcome = page.getByRole("alert").filter({ hasText: "The change was not made" });
  await expect(outcome).toContainText("out of the current user's write scope");
  await expect(outcome).not.toContainText("Exception");
  expect(await autoReplyOf("megan.bowen")).toEqual(before);
  const [set] = await changeCalls();
  expect(set).toMatchObject({ cmdlet: "Set-MailboxAutoReplyConfiguration", status: 400 });

  await outcome.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Failed");
  await expect(page.getByText(/out of the current user's write scope/)).toBeVisible();
  // The audit ties the row to Exchange's own logs through the client-request-id.
  await expect(page.getByText(set!.clientRequestId!)).toBeVisible();
});

test("the same write-scoped helpdesk may change a Sales mailbox", async ({ page }) => {
  await signInAs(page, "writescope.helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await page.getByRole("radio", { name: "On" }).check();
  await page.getByLabel(/inside the organisation/).fill("<p>Bin nicht da.</p>");
  await page.getByLabel("Reply to senders outside the organisation").selectOption("None");
  await page.getByRole("button", { name: "Apply change" }).click();
  await expect(page.getByText("Done and verified")).toBeVisible();
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Enabled");
});

test("a person with no ExoDesk role sees the no-access page", async ({ page }) => {
  await signInAs(page, "norole");
  await expect(page.getByRole("heading", { name: "You have no access to ExoDesk" })).toBeVisible();
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/no-access$/);
});

test("a helpdesk person without an Exchange role sees Exchange's denial, not a crash", async ({ page }) => {
  await signInAs(page, "noexchange");
  await page.getByLabel("Mailbox").fill("adele");
  const denial = page.getByRole("alert").filter({ hasText: "Exchange refused" });
  await expect(denial).toContainText("your Exchange roles do not allow this");
  await expect(denial).toContainText("Insufficient access rights");
  await page.goto(`/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/auto-reply`);
  await expect(denial).toContainText("Insufficient access rights");
  expect(await changeCalls()).toEqual([]);
});
