import { randomUUID } from "node:crypto";
import { expect, request, test, type Browser, type BrowserContext, type Cookie, type Page } from "@playwright/test";
import type { TStack } from "../../scripts/stack/start-stack";
import { mailbox, signInAs } from "./support";
import { callAction, classifyAction, classifyPage, REFUSALS } from "./support/access-client";
import { fillSegments, readBuiltApp, type TBuiltApp } from "./support/built-app";
import { startOwnStack } from "./support/own-stack";
import { freePortOfWorker } from "./support/worker-stack";

// A session-token cookie kept from before its session ended (signed out, signed out
// everywhere, ended by an admin) replayed against every page, server action and route handler
// the build serves, on two portal instances sharing one database (a load balancer may send the
// replay to either).
test.describe.configure({ mode: "serial" });

// Open to anyone, session or not: nothing to refuse.
const PUBLIC_PAGES = new Set(["/signin", "/no-access"]);
const PUBLIC_ROUTES = new Set(["/api/health"]);
const SAMPLES = { identity: mailbox("adele.vance"), address: mailbox("adele.vance"), id: randomUUID() };
const ENDED = REFUSALS[0]!; // "Your session has ended. Sign in again to continue."

let built: TBuiltApp;
let stack: TStack | undefined;
let portals: string[];

test.beforeAll(async () => {
  test.setTimeout(300_000);
  built = readBuiltApp();
  stack = await startOwnStack("sessions");
  portals = [stack.portalUrl, await stack.startAnotherPortal(await freePortOfWorker())];
});

test.afterAll(async () => {
  await stack?.stop();
});

const first = () => portals[0]!;
const last = () => portals[portals.length - 1]!;

async function signedIn(browser: Browser, user: string): Promise<{ context: BrowserContext; page: Page; kept: Cookie[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user, "/", first());
  const kept = await context.cookies();
  expect(kept.some((c) => c.name.endsWith("next-auth.session-token"))).toBe(true);
  return { context, page, kept };
}

// Each call gets a fresh client holding exactly the kept cookies, so an answer that clears the
// cookie cannot make the next call pass for the wrong reason.
async function withCookies<T>(kept: Cookie[], run: (api: Awaited<ReturnType<typeof request.newContext>>) => Promise<T>): Promise<T> {
  const api = await request.newContext({ storageState: { cookies: kept, origins: [] } });
  try {
    return await run(api);
  } finally {
    await api.dispose();
  }
}

// Every page, action and route the build serves, asked with the kept cookies on one instance.
// Returns what was not refused the way an ended session must be.
async function notRefused(kept: Cookie[], portal: string): Promise<string[]> {
  const wrong: string[] = [];
  for (const p of built.pages.filter((p) => !PUBLIC_PAGES.has(p))) {
    const answer = await withCookies(kept, (api) => classifyPage(api, `${portal}${fillSegments(p, SAMPLES)}`));
    if (answer.detail !== "→ /signin") wrong.push(`page ${p}: ${answer.verdict} ${answer.detail}`);
  }
  for (const a of built.actions) {
    // Any arguments: an ended session must be refused before they are looked at.
    const answer = await withCookies(kept, async (api) => await classifyAction(await callAction(api, a.id, fillSegments(a.page, SAMPLES), { args: [] }, portal)));
    if (answer.detail !== ENDED && answer.detail !== "→ /signin") wrong.push(`action ${a.key}: ${answer.verdict} ${answer.detail}`);
  }
  for (const r of built.routes.filter((r) => !PUBLIC_ROUTES.has(r))) {
    const status = await withCookies(kept, async (api) => (await api.get(`${portal}${fillSegments(r, SAMPLES)}`, { maxRedirects: 0, failOnStatusCode: false })).status());
    if (status !== 401) wrong.push(`route GET ${r}: HTTP ${status}`);
  }
  // next-auth's own session endpoint reports no session either.
  const session = await withCookies(kept, async (api) => await (await api.get(`${portal}/api/auth/session`)).json());
  if (JSON.stringify(session) !== "{}") wrong.push(`/api/auth/session: ${JSON.stringify(session)}`);
  return wrong;
}

async function expectRefusedEverywhere(kept: Cookie[]) {
  for (const portal of portals) expect(await notRefused(kept, portal), `kept cookie on ${portal}`).toEqual([]);
}

// What a live cookie can do, to show the refusals above are the session's doing.
async function expectAccepted(kept: Cookie[], pagePath: string) {
  for (const portal of portals) {
    const answer = await withCookies(kept, (api) => classifyPage(api, `${portal}${pagePath}`));
    expect(answer, `${pagePath} on ${portal} with a live cookie`).toEqual({ verdict: "allowed", detail: "HTTP 200" });
  }
}

// The sessions table's row of one person (not of scoped.helpdesk@ when looking for helpdesk@).
const rowOf = (page: Page, upn: string) =>
  page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`\\(${upn.replace(/\./g, "\\.")}\\)$`) }) });

async function signOut(page: Page) {
  await page.goto(`${first()}/requests`);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
}

test("a cookie kept from before sign-out is refused by every page, action and route, on every instance, even after signing in again", async ({ browser }) => {
  test.setTimeout(240_000);
  const admin = await signedIn(browser, "admin");
  await expectAccepted(admin.kept, "/admin/policies");
  expect(await notRefused(admin.kept, last())).not.toEqual([]); // the replay does reach things while the session lives

  await signOut(admin.page);
  await expectRefusedEverywhere(admin.kept);

  // Signing in again as the same person starts a new session; the old cookie stays dead.
  const again = await signedIn(browser, "admin");
  await expectAccepted(again.kept, "/admin/policies");
  await expectRefusedEverywhere(admin.kept);
  await Promise.all([admin.context.close(), again.context.close()]);
});

test("signing out in one browser leaves the person's other session working; signing out everywhere ends that one too", async ({ browser }) => {
  test.setTimeout(240_000);
  const laptop = await signedIn(browser, "helpdesk");
  const phone = await signedIn(browser, "helpdesk");
  const autoReply = `/mailboxes/${encodeURIComponent(mailbox("adele.vance"))}/auto-reply`;

  await signOut(laptop.page);
  await expectRefusedEverywhere(laptop.kept);
  // The phone's session still reads Exchange: the token cache outlived the laptop's sign-out.
  await phone.page.goto(`${last()}${autoReply}`);
  await expect(phone.page.getByRole("heading", { name: "Automatic replies for Adele Vance" })).toBeVisible();

  const desk = await signedIn(browser, "helpdesk");
  await desk.page.goto(`${last()}/requests`);
  await desk.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await desk.page.waitForURL((url) => url.pathname === "/signin");
  await expectRefusedEverywhere(phone.kept);
  await expectRefusedEverywhere(desk.kept);
  await phone.page.goto(`${first()}${autoReply}`);
  await phone.page.waitForURL((url) => url.pathname === "/signin");
  await Promise.all([laptop.context.close(), phone.context.close(), desk.context.close()]);
});

test("an admin's End sessions refuses the person's cookie at once on every page, action and route, on every instance", async ({ browser }) => {
  test.setTimeout(240_000);
  const helpdesk = await signedIn(browser, "helpdesk");
  await expectAccepted(helpdesk.kept, "/requests");
  const admin = await signedIn(browser, "admin");

  await admin.page.goto(`${last()}/admin/sessions`);
  await expect(admin.page.getByRole("heading", { name: "Sessions", exact: true })).toBeVisible();
  const row = rowOf(admin.page, mailbox("helpdesk"));
  await expect(row.getByRole("cell").first()).toHaveText("1");
  await row.getByRole("button", { name: `End sessions of ${mailbox("helpdesk")}`, exact: true }).click();
  await expect(row.getByRole("status")).toHaveText(`Ended 1 session of ${mailbox("helpdesk")}. They must sign in again.`);

  await expectRefusedEverywhere(helpdesk.kept);
  // The person's own browser is sent to sign in, and the admin's own session is untouched.
  await helpdesk.page.goto(`${first()}/requests`);
  await helpdesk.page.waitForURL((url) => url.pathname === "/signin");
  await expectAccepted(admin.kept, "/admin/sessions");
  await admin.page.reload();
  await expect(rowOf(admin.page, mailbox("helpdesk"))).toHaveCount(0);
  await Promise.all([helpdesk.context.close(), admin.context.close()]);
});
