import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, completeEmulatorSignIn, emulator, fillEnabledReply, mailbox, openAutoReply, postedMessage, replyEditor, signInAs } from "./support";

test.beforeEach(async () => {
  await emulator().post("/_emulator/reset");
  await emulator().post("/_emulator/token-lifetime", { seconds: 60 });
});

// Microsoft's clock (the emulator's) moves past each token's expiry instead of the test waiting
// for it; session.long.spec.ts waits in real time. Exchange refuses a token more than 5 s past
// its expiry, so each round after the first works only if the portal renewed the token itself.
test("with 60-second tokens a person keeps working over several token lifetimes without noticing", async ({ page }) => {
  await signInAs(page, "helpdesk");
  for (let round = 1; round <= 4; round++) {
    if (round > 1) await emulator().post("/_emulator/clock", { advanceSeconds: 70 }); // the last round's tokens have expired
    await openAutoReply(page, "adele", mailbox("adele.vance"));
    await fillEnabledReply(page, `Round ${round}`, { audience: "Known", message: `Round ${round} (external)` });
    await applyVerified(page);
    expect((await autoReplyOf("adele.vance")).internalMessage).toContain(`Round ${round}`);
  }
});

// Every way Entra words the refusal of a refresh token (tests/emulator/README.md): 60-second
// tokens are renewed on every call, so no clock needs to move.
for (const form of ["revoked", "sign-in-frequency", "sign-in-frequency-interaction", "expired"]) {
  test(`after the refresh token is refused (${form}), the next change asks for sign-in and keeps what was typed`, async ({ page }) => {
    await signInAs(page, "helpdesk");
    await openAutoReply(page, "adele", mailbox("adele.vance"));
    await fillEnabledReply(page, "Typed before the revocation", { audience: "Known", message: "Typed before the revocation (external)" });
    await emulator().post("/_emulator/revoke", { upn: mailbox("helpdesk"), form });
    await page.getByRole("button", { name: "Apply change" }).click();

    // Entra's sign-in page, then straight back to the form with the draft restored.
    await completeEmulatorSignIn(page, "helpdesk");
    await expect(page.getByText("what you typed before has been restored")).toBeVisible();
    await expect(page.getByRole("radio", { name: "On" })).toBeChecked();
    await expect(postedMessage(page, "internal")).toHaveValue("<p>Typed before the revocation</p>");
    await expect(replyEditor(page, "internal")).toHaveText("Typed before the revocation");
    await expect(page.getByLabel("Reply to senders outside the organisation")).toHaveValue("Known");
    await expect(postedMessage(page, "external")).toHaveValue("<p>Typed before the revocation (external)</p>");
    await expect(replyEditor(page, "external")).toHaveText("Typed before the revocation (external)");
    expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");

    await applyVerified(page);
    expect((await autoReplyOf("adele.vance")).internalMessage).toContain("Typed before the revocation");
  });
}

test("a page opened after revocation sends the person to sign in again, then back to the page", async ({ page }) => {
  await signInAs(page, "helpdesk");
  await emulator().post("/_emulator/revoke", { upn: mailbox("helpdesk") });
  await page.goto(`/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/auto-reply`);
  await expect(page.getByText("Microsoft asks you to sign in again")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await completeEmulatorSignIn(page, "helpdesk");
  await expect(page.getByRole("heading", { name: "Automatic replies for Adele Vance" })).toBeVisible();
});
