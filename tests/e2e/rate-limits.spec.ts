import { expect, test } from "@playwright/test";
import { callAction, messageOf, PORTAL } from "./support/access-client";
import { fillSegments, readBuiltApp } from "./support/built-app";
import { mailbox, signInAs } from "./support";

// Changes are limited to 30 a minute per person (in the database, so every instance counts
// the same). The guest is used so no other journey on this portal shares its budget (the
// access matrix spends noexchange's, and the guest journey runs on a portal of its own).
test("someone sending changes faster than 30 a minute is told to wait, before anything else is tried", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: PORTAL });
  const page = await context.newPage();
  await signInAs(page, "alex_fabrikam.com#EXT#", "/");
  const found = readBuiltApp().actions.find((a) => a.key === "app/(portal)/mailboxes/[identity]/auto-reply/actions.ts#setAutoReplyAction");
  expect(found).toBeDefined();
  const target = mailbox("adele.vance");
  const pagePath = fillSegments(found!.page, { identity: target });

  // Windows are fixed minutes: the refusal comes after 30 calls, or after up to 60 if the
  // calls straddle the turn of a minute.
  let refusedAt = -1;
  let refusal = "";
  for (let i = 0; i < 61 && refusedAt < 0; i++) {
    const message = messageOf(await (await callAction(context.request, found!.id, pagePath, { form: { identity: target, autoReplyState: "Bogus" } })).text()) ?? "";
    if (message.startsWith("Too many attempts")) [refusedAt, refusal] = [i, message];
    else expect(message).not.toBe("");
  }
  expect(refusedAt).toBeGreaterThanOrEqual(30);
  expect(refusedAt).toBeLessThanOrEqual(60);
  expect(refusal).toMatch(/^Too many attempts in a short time\. Wait \d+ seconds, then try again\.$/);
  await context.close();
});
