import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

// Microsoft's clocks and the portal's never agree exactly. Entra backdates iat/nbf by five
// minutes and MSAL renews five minutes before expiry, so a few minutes of skew must not turn
// a good token into a refused one, at sign-in or at the change. (The emulator's clock only
// moves forward, so Microsoft running behind the portal is not modelled.)
for (const offsetSeconds of [180, 270]) {
  test(`sign-in and a change work with Microsoft's clock ${offsetSeconds} s ahead of the portal's`, async ({ page }) => {
    await emulator().post("/_emulator/reset");
    await emulator().post("/_emulator/clock", { advanceSeconds: offsetSeconds });
    await signInAs(page, "helpdesk");
    await openAutoReply(page, "adele", mailbox("adele.vance"));
    await fillEnabledReply(page, `Skew ${offsetSeconds}`);
    await applyVerified(page);
    expect((await autoReplyOf("adele.vance")).internalMessage).toContain(`Skew ${offsetSeconds}`);
    await emulator().post("/_emulator/reset");
  });
}
