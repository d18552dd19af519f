import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import type { TStack } from "../../scripts/stack/start-stack";
import { callAction, messageOf, type TCall } from "./support/access-client";
import { fillSegments, readBuiltApp } from "./support/built-app";
import { startOwnStack } from "./support/own-stack";
import { signInAs } from "./support";

// Issue 13, point 10: cancelling, the type-ahead search (one Exchange call per keystroke batch)
// and "Verify the chain now" (a full chain read) were not rate-limited. Each is now refused,
// with the plain "wait" message, once its person has used up the minute's budget (limits in
// lib/action/rate-limit.ts: changes 30, Exchange look-ups 120, chain reads 5 a minute per person).
// On a portal of its own, so that no other journey's budget is used up (or uses up these).
// Windows are fixed minutes: a refusal comes after the limit, or after up to twice it when
// the calls straddle the turn of a minute.

test.describe.configure({ mode: "serial" });

let stack: TStack;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  stack = await startOwnStack("rate-limits");
});
test.afterAll(async () => {
  await stack?.stop();
});

const WAIT = /^Too many attempts in a short time\. Wait \d+ seconds, then try again\.$/;

async function signedIn(browser: import("@playwright/test").Browser, who: string): Promise<APIRequestContext> {
  const context = await browser.newContext({ baseURL: stack.portalUrl });
  await signInAs(await context.newPage(), who, "/", stack.portalUrl);
  return context.request;
}

// Calls the action until it answers the wait message; returns how many calls were answered first.
async function callUntilRefused(api: APIRequestContext, key: string, call: () => TCall, limit: number): Promise<number> {
  const found = readBuiltApp().actions.find((a) => a.key === key);
  if (!found) throw new Error(`the build has no action ${key}`);
  const page = fillSegments(found.page, { id: randomUUID() });
  for (let i = 0; i <= 2 * limit + 1; i++) {
    const text = await (await callAction(api, found.id, page, call(), stack.portalUrl)).text();
    const message = messageOf(text) ?? text.split("\n").slice(1).join(" ").slice(0, 120);
    if (WAIT.test(message)) return i;
    // Below the limit the action runs as ever: the refusal is the limit's doing.
    if (i < limit) expect(message, `call ${i + 1}`).not.toMatch(/Too many attempts/);
  }
  throw new Error(`${key}: never refused within ${2 * limit + 2} calls`);
}

test("cancelling is refused past the change limit", async ({ browser }) => {
  const api = await signedIn(browser, "writescope.helpdesk");
  const answered = await callUntilRefused(api, "app/(portal)/requests/[id]/actions.ts#cancelAction", () => ({ form: { requestId: randomUUID() } }), 30);
  expect(answered).toBeGreaterThanOrEqual(30);
  expect(answered).toBeLessThanOrEqual(60);
});

test("the type-ahead search is refused past the look-up limit", async ({ browser }) => {
  test.setTimeout(180_000);
  const api = await signedIn(browser, "scoped.helpdesk");
  let n = 0;
  const answered = await callUntilRefused(api, "app/(portal)/mailboxes/actions.ts#searchMailboxes", () => ({ args: [`zz-no-such-mailbox-${n++}`] }), 120);
  expect(answered).toBeGreaterThanOrEqual(120);
  expect(answered).toBeLessThanOrEqual(240);
});

test("verifying the whole audit chain is refused past a few a minute", async ({ browser }) => {
  const api = await signedIn(browser, "auditor");
  const answered = await callUntilRefused(api, "app/(portal)/audit/actions.ts#checkAuditChainAction", () => ({ args: [] }), 5);
  expect(answered).toBeGreaterThanOrEqual(5);
  expect(answered).toBeLessThanOrEqual(10);
});
