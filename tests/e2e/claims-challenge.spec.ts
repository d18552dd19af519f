import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

// Continuous access evaluation: after a critical event Exchange refuses the tokens issued
// before it with a 401 and a claims challenge. ExoDesk renews the token with those claims
// once and sends the call once more; the person notices nothing.
test("a claims challenge from Exchange is answered by renewing the token once, and the change runs", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await emulator().post("/_emulator/critical-event", { upn: mailbox("helpdesk") });

  await fillEnabledReply(page, "After a critical event");
  await applyVerified(page);
  expect((await autoReplyOf("adele.vance")).internalMessage).toContain("After a critical event");

  // Without the renewal every call after the event would be refused and the person sent to
  // sign in again; reads on the next page load are renewed the same way.
  await emulator().post("/_emulator/critical-event", { upn: mailbox("helpdesk") });
  await page.goto(`/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/access`);
  await expect(page.getByRole("heading", { name: "Access for Adele Vance" })).toBeVisible();
  await expect(page).not.toHaveURL(/signin/);
});
