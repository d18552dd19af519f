import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, changeCalls, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
});

test("a helpdesk whose write scope is Sales gets Exchange's write-scope refusal outside Sales; the request is FAILED and nothing changes", async ({ page }) => {
  const before = await autoReplyOf("megan.bowen");
  await signInAs(page, "writescope.helpdesk");
  await openAutoReply(page, "megan", mailbox("megan.bowen"));
  await fillEnabledReply(page, "Away");
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
  await fillEnabledReply(page, "Bin nicht da.");
  await applyVerified(page);
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Enabled");
});

test("a person with no ExoDesk role sees the no-access page", async ({ page }) => {
  await signInAs(page, "norole");
  await expect(page.getByRole("heading", { name: "You have no access to ExoDesk" })).toBeVisible();
  await page.goto("/requests");
  await expect(page).toHaveURL(/\/no-access$/);
});

// Exchange refuses a missing role in three forms (a 401 by default); each must read as the
// role it lacks, never as a sign-in problem (issue 14 point 2).
for (const form of ["unauthorized", "command-not-found", "forbidden"] as const) {
  test(`a helpdesk person without an Exchange role is told which role to ask for, and not sent to sign in (${form})`, async ({ page }) => {
    if (form !== "unauthorized") await emulator().post("/_emulator/quirks", { roleRefusal: form });
    await signInAs(page, "noexchange");
    await page.getByLabel("Mailbox").fill("adele");
    const denial = page.getByRole("alert").filter({ hasText: "Your Exchange roles do not allow" });
    await expect(denial).toContainText("looking up recipients (Get-Recipient)");
    await expect(denial).toContainText("ask your Exchange administrator for the Recipient Management role group");
    await expect(denial).not.toContainText(/Invalid Operation|Error executing cmdlet|Exception/);
    await page.goto(`/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/auto-reply`);
    await expect(page.getByRole("alert").filter({ hasText: "Your Exchange roles do not allow" })).toBeVisible();
    await expect(page).not.toHaveURL(/signin/);
    await expect(page.getByText(/sign in again/i)).toHaveCount(0);
    expect(await changeCalls()).toEqual([]);
  });
}
