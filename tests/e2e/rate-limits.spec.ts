import { expect, test } from "@playwright/test";
import type { TStack } from "../../scripts/stack/start-stack";
import { callAction, messageOf } from "./support/access-client";
import { fillSegments, readBuiltApp } from "./support/built-app";
import { startOwnStack } from "./support/own-stack";
import { mailbox, signInAs } from "./support";

// Changes are limited to 30 a minute per person by default (in the database, so every instance
// counts the same). On a portal of its own with the default limit: the worker portals raise it
// for journeys that change faster than a person.
let stack: TStack;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startOwnStack("changes-limit");
});
test.afterAll(async () => {
  await stack?.stop();
});

test("someone sending changes faster than 30 a minute is told to wait, before anything else is tried", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: stack.portalUrl });
  const page = await context.newPage();
  await signInAs(page, "alex_fabrikam.com#EXT#", "/", stack.portalUrl);
  const found = readBuiltApp().actions.find((a) => a.key === "app/(portal)/mailboxes/[identity]/auto-reply/actions.ts#setAutoReplyAction");
  expect(found).toBeDefined();
  const target = mailbox("adele.vance");
  const pagePath = fillSegments(found!.page, { identity: target });

  // Windows are fixed minutes: the refusal comes after 30 calls, or after up to 60 if the
  // calls straddle the turn of a minute.
  let refusedAt = -1;
  let refusal = "";
  for (let i = 0; i < 61 && refusedAt < 0; i++) {
    const message = messageOf(await (await callAction(context.request, found!.id, pagePath, { form: { identity: target, autoReplyState: "Bogus" } }, stack.portalUrl)).text()) ?? "";
    if (message.startsWith("Too many attempts")) [refusedAt, refusal] = [i, message];
    else expect(message).not.toBe("");
  }
  expect(refusedAt).toBeGreaterThanOrEqual(30);
  expect(refusedAt).toBeLessThanOrEqual(60);
  expect(refusal).toMatch(/^Too many attempts in a short time\. Wait \d+ seconds, then try again\.$/);
  await context.close();
});
