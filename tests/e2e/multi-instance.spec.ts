import { randomUUID } from "node:crypto";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import pg from "pg";
import { runToEnd } from "../../scripts/stack/processes";
import type { TStack } from "../../scripts/stack/start-stack";
import { callEmulator } from "../support/emulator-control";
import { applyVerified, completeEmulatorSignIn, fillEnabledReply, mailbox, signInAs } from "./support";
import { callAction, messageOf } from "./support/access-client";
import { fillSegments, readBuiltApp } from "./support/built-app";
import { startOwnStack } from "./support/own-stack";
import { freePortOfWorker } from "./support/worker-stack";

// Two portal processes (`npm start`) of the same build on one PostgreSQL database and one emulator,
// driven alternately, as a load balancer without sticky sessions would: whatever one instance
// needs that the other wrote (sessions, token caches, rate-limit counters, request state, the
// audit chain) must be in the database, and the sweeps both run must not do anything twice.
// Both have the same environment (secrets, NEXTAUTH_URL = A, as behind one public URL); the
// browser sends its localhost cookies to both ports.
test.describe.configure({ mode: "serial" });

const SWEEP_SECONDS = 2;
const ADELE = mailbox("adele.vance");
const MEGAN = mailbox("megan.bowen");

let stack: TStack;
let A: string;
let B: string;
let databaseUrl: string;
let db: pg.Client;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack("multi", { EXODESK_SWEEP_SECONDS: String(SWEEP_SECONDS) });
  databaseUrl = stack.portalEnv.DATABASE_URL!;
  A = stack.portalUrl;
  B = await stack.startAnotherPortal(await freePortOfWorker());
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const control = <T>(method: "GET" | "POST", p: string, body?: unknown) => callEmulator<T>({ url: stack.emulatorUrl, caPath: stack.caCertPath }, method, p, body);
const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).rows[0]!.n);
const autoReplyPath = (address: string) => `/mailboxes/${encodeURIComponent(address)}/auto-reply`;

// A fresh browser context signed in as `user` (through A: the emulator knows A's callback).
async function signedIn(browser: Browser, user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, user, "/", A);
  return { context, page };
}

async function expectAutoReplyPage(page: Page, portal: string, address = ADELE) {
  await page.goto(`${portal}${autoReplyPath(address)}`);
  await expect(page.getByRole("heading", { name: /^Automatic replies for/ })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(portal); // not sent to sign in again
}

async function applyAutoReply(page: Page, portal: string, address: string, text: string) {
  await expectAutoReplyPage(page, portal, address);
  await fillEnabledReply(page, text);
  await applyVerified(page);
}

async function requestFullAccess(page: Page, portal: string, trustee: string, reason: string): Promise<string> {
  await page.goto(`${portal}/mailboxes/${encodeURIComponent(MEGAN)}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(mailbox(trustee));
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM "Request" WHERE reason = $1`, [reason]);
  expect(rows).toHaveLength(1);
  return rows[0]!.id;
}

test("a sign-in begun on B finishes on A, the session works on both, and signing out on B ends it on A too", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // B sets the state, PKCE and nonce cookies; A's callback checks and redeems them.
  await page.goto(`${B}/signin?callbackUrl=${encodeURIComponent(autoReplyPath(ADELE))}`);
  await page.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await completeEmulatorSignIn(page, "helpdesk", A);
  await expect(page.getByRole("heading", { name: /^Automatic replies for/ })).toBeVisible();
  await expectAutoReplyPage(page, B); // B reads Exchange with the token cache A stored
  expect(await count(`"TokenCache"`)).toBe(1);
  const cookies = await context.cookies();

  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/signin");
  expect(await count(`"TokenCache"`)).toBe(0);
  expect(await count(`"AuditEvent" WHERE type = 'session.signed-out'`)).toBe(1);

  // The old cookie replayed on either instance is no session at all (its server-side session
  // has ended): the page sends it to sign in.
  for (const portal of [A, B]) {
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const again = await replay.newPage();
    await again.goto(`${portal}${autoReplyPath(ADELE)}`);
    await again.waitForURL((url) => url.origin === portal && url.pathname === "/signin");
    await replay.close();
  }
  await context.close();
});

test("a grant submitted on A is approved on B and runs on B with the approver's token", async ({ browser }) => {
  const helpdesk = await signedIn(browser, "helpdesk");
  const id = await requestFullAccess(helpdesk.page, A, "alex.wilber", "Alex covers Megan's inbox (two instances)");
  const approver = await signedIn(browser, "approver");
  await approver.page.goto(`${B}/approvals`);
  const item = approver.page.getByRole("listitem").filter({ hasText: "Alex covers Megan's inbox (two instances)" });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(approver.page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  expect(new URL(approver.page.url()).origin).toBe(B);

  const { calls } = await control<{ calls: { cmdlet: string | null; upn: string }[] }>("GET", "/_emulator/calls");
  expect(calls.filter((c) => c.cmdlet === "Add-MailboxPermission").map((c) => c.upn)).toEqual([mailbox("approver")]);
  const { rows } = await db.query<{ status: string; executorUpn: string }>(`SELECT status, "executorUpn" FROM "Request" WHERE id = $1`, [id]);
  expect(rows).toEqual([{ status: "SUCCEEDED", executorUpn: mailbox("approver") }]);
  // The helpdesk's view on A shows what B did.
  await helpdesk.page.goto(`${A}/requests/${id}`);
  await expect(helpdesk.page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await Promise.all([helpdesk.context.close(), approver.context.close()]);
});

test("with 2-second tokens, actions alternating between A and B, and concurrent on both, never ask to sign in again", async ({ browser }) => {
  test.setTimeout(180_000);
  // From the sign-in on, so the first token is a 2-second one too (a one-hour token would still
  // be good in the first round, and MSAL rightly would not renew it).
  await control("POST", "/_emulator/token-lifetime", { seconds: 2 });
  try {
    const { context, page } = await signedIn(browser, "helpdesk");
    const other = await context.newPage();
    const signIns = await count(`"AuditEvent" WHERE type = 'session.signed-in'`);
    const { rows: [helpdesk] } = await db.query<{ actorOid: string }>(`SELECT "actorOid" FROM "AuditEvent" WHERE "actorUpn" = $1 LIMIT 1`, [mailbox("helpdesk")]);
    // The person's cache row is rewritten only when MSAL renewed the tokens in it.
    const cacheWrittenAt = async () =>
      (await db.query<{ at: Date }>(`SELECT "updatedAt" AS at FROM "TokenCache" WHERE key LIKE $1`, [`${helpdesk!.actorOid}.%`])).rows[0]!.at.getTime();
    let written = await cacheWrittenAt();
    const expectRefreshed = async () => {
      const now = await cacheWrittenAt();
      expect(now).toBeGreaterThan(written);
      written = now;
    };
    // Microsoft's clock moves past the last token's expiry and Exchange's 5 s of leeway.
    const pastExpiry = () => control("POST", "/_emulator/clock", { advanceSeconds: 8 });
    for (let round = 0; round < 6; round++) {
      await pastExpiry();
      await expectAutoReplyPage(page, round % 2 === 0 ? A : B);
      await expectRefreshed();
    }
    // Both instances refresh the same person's cache at the same moment.
    for (let round = 0; round < 3; round++) {
      await pastExpiry();
      await Promise.all([expectAutoReplyPage(page, A), expectAutoReplyPage(other, B)]);
      await expectRefreshed();
    }
    await pastExpiry();
    await Promise.all([applyAutoReply(page, A, ADELE, "Changed through A"), applyAutoReply(other, B, MEGAN, "Changed through B")]);
    await expectRefreshed();
    expect(await count(`"AuditEvent" WHERE type = 'session.signed-in'`)).toBe(signIns);
    expect(await count(`"TokenCache"`)).toBeGreaterThan(0);
    await context.close();
  } finally {
    await control("POST", "/_emulator/token-lifetime", { seconds: 3600 });
  }
});

test("changes sent alternately to A and B count toward one rate limit", async ({ browser }) => {
  const { context } = await signedIn(browser, "noexchange");
  const found = readBuiltApp().actions.find((a) => a.key === "app/(portal)/mailboxes/[identity]/auto-reply/actions.ts#setAutoReplyAction");
  expect(found).toBeDefined();
  const pagePath = fillSegments(found!.page, { identity: ADELE });
  // Windows are fixed minutes: start early enough in one that 31 calls fit in it.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
  const messages: string[] = [];
  for (let i = 0; i < 31; i++) {
    const portal = i % 2 === 0 ? A : B;
    const res = await callAction(context.request, found!.id, pagePath, { form: { identity: ADELE, autoReplyState: "Bogus" } }, portal);
    messages.push(messageOf(await res.text()) ?? "");
  }
  // Thirty answered (15 by each instance); the 31st refused, whichever instance got it.
  expect(messages.slice(0, 30).filter((m) => m === "" || m.startsWith("Too many attempts"))).toEqual([]);
  expect(messages[30]).toMatch(/^Too many attempts in a short time\./);
  await context.close();
});

// Resolves after `times` sweeps, one after the other, have run since the call: each sweep
// deletes rate-limit windows that have passed, so a marker window planted in the past is gone
// once one has. Either instance may take any of them.
async function sweptAgain(times: number) {
  for (let i = 0; i < times; i++) {
    const key = `sweep-marker-${randomUUID()}`;
    await db.query(`INSERT INTO "RateLimitBucket" (key, "windowStart", count) VALUES ($1, now() - interval '1 day', 1)`, [key]);
    await expect.poll(() => count(`"RateLimitBucket" WHERE key = $1`, [key]), { timeout: 30_000, intervals: [200] }).toBe(0);
  }
}

test("the sweeps of both instances expire an overdue request once and reconcile an interrupted one once", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await signedIn(browser, "helpdesk");
  const overdue = await requestFullAccess(page, A, "nestor.wilke", "Expires while both instances sweep");
  const interrupted = await requestFullAccess(page, B, "joni.sherman", "Interrupted while both instances sweep");
  // An approval past its limit, and a change whose executing instance died (lease lapsed).
  await db.query(`UPDATE "Request" SET "expiresAt" = now() - interval '1 second' WHERE id = $1`, [overdue]);
  const { rows: [approver] } = await db.query<{ actorOid: string }>(`SELECT "actorOid" FROM "AuditEvent" WHERE "actorUpn" = $1 LIMIT 1`, [mailbox("approver")]);
  await db.query(
    `UPDATE "Request" SET status = 'EXECUTING', "executorOid" = $2, "executorUpn" = $3, "clientRequestId" = gen_random_uuid(),
       "startedAt" = now(), "leaseUntil" = now() - interval '1 second' WHERE id = $1`,
    [interrupted, approver!.actorOid, mailbox("approver")],
  );
  const statusOf = async (id: string) => (await db.query<{ status: string }>(`SELECT status FROM "Request" WHERE id = $1`, [id])).rows[0]!.status;
  await expect(async () => {
    expect(await statusOf(overdue)).toBe("EXPIRED");
    expect(await statusOf(interrupted)).toBe("FAILED"); // read back: Joni has no FullAccess on Megan
  }).toPass({ timeout: 60_000, intervals: [500] });
  await sweptAgain(6); // several more sweeps, by either instance
  const events = async (id: string, type: string) => await count(`"AuditEvent" WHERE "requestId" = $1 AND type = $2`, [id, type]);
  expect(await events(overdue, "request.expired")).toBe(1);
  expect(await events(interrupted, "execution.interrupted")).toBe(1);
  expect(await events(interrupted, "request.reconciled")).toBe(1);
  await context.close();
});

test("what both instances wrote, concurrently too, is one audit chain that verifies", async ({ browser }) => {
  const { context } = await signedIn(browser, "helpdesk");
  const before = await count(`"AuditEvent" WHERE type = 'access.denied'`);
  // Twenty refusals at once, ten per instance, each an audit append.
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => context.request.get(`${i % 2 === 0 ? A : B}/audit`, { maxRedirects: 0, failOnStatusCode: false })));
  expect(answers.filter((r) => r.status() >= 500)).toEqual([]);
  expect(await count(`"AuditEvent" WHERE type = 'access.denied'`)).toBe(before + 20);
  const output = await runToEnd(path.join(process.cwd(), "node_modules", ".bin", "tsx"), ["scripts/audit-verify.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    name: "audit:verify",
  });
  expect(output).toMatch(/Audit chain intact: \d+ events/);
  await context.close();
});
