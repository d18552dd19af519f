import { expect, test } from "@playwright/test";
import { applyVerified, autoReplyOf, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

// The real-time twin of session.spec.ts's first journey: no clock is moved, the test lives
// through each 60-second token's lifetime (and Exchange's 5 s of leeway) in real time, as a
// person at the helpdesk would.
const LIFETIME_SECONDS = 60;
const LEEWAY_SECONDS = 5; // tests/emulator/exchange/validate-token.ts

// Resolves once the token the portal used for its last Exchange call is refused as expired:
// it was issued before that call, so it expires at the latest LIFETIME_SECONDS after it.
async function untilLastTokenExpired() {
  const { calls } = await emulator().get<{ calls: { time: string }[] }>("/_emulator/calls");
  const lastCall = Math.max(...calls.map((c) => Date.parse(c.time)));
  const expiredAt = lastCall + (LIFETIME_SECONDS + LEEWAY_SECONDS) * 1000 + 1000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiredAt - Date.now())));
}

test("with 60-second tokens a person keeps working for several minutes without noticing (waits real time)", async ({ page }) => {
  test.setTimeout(6 * 60_000);
  await emulator().post("/_emulator/reset");
  await emulator().post("/_emulator/token-lifetime", { seconds: LIFETIME_SECONDS });
  await signInAs(page, "helpdesk");
  const started = Date.now();
  for (let round = 1; round <= 4; round++) {
    if (round > 1) await untilLastTokenExpired();
    await openAutoReply(page, "adele", mailbox("adele.vance"));
    await fillEnabledReply(page, `Round ${round}`, { audience: "Known", message: `Round ${round} (external)` });
    await applyVerified(page);
    expect((await autoReplyOf("adele.vance")).internalMessage).toContain(`Round ${round}`);
  }
  expect(Date.now() - started).toBeGreaterThan(3 * LIFETIME_SECONDS * 1000);
});
