import { expect, test, type Page } from "@playwright/test";
import { callEmulator } from "../support/emulator-control";
import type { TStack } from "../../scripts/stack/start-stack";
import { startOwnStack } from "./support/own-stack";
import { fillEnabledReply, mailbox, replyEditor, signInAs } from "./support";

// Bulk automatic replies in a portal of its own (the emulator gets many mailboxes and
// Exchange-like throttling, and the portal is killed mid-run). Short leases and sweeps keep
// the waits after a restart short.
let stack: TStack;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  stack = await startOwnStack("bulk", { EXODESK_EXECUTION_LEASE_SECONDS: "10", EXODESK_SWEEP_SECONDS: "3", EXODESK_BULK_LEASE_SECONDS: "10" });
});

test.afterAll(async () => {
  await stack?.stop();
});

const control = <T>(method: "GET" | "POST" | "DELETE", route: string, body?: unknown) => callEmulator<T>({ url: stack.emulatorUrl, caPath: stack.caCertPath }, method, `/_emulator/${route}`, body);

async function seed(count: number): Promise<string[]> {
  const { mailboxes } = await control<{ mailboxes: string[] }>("POST", "seed-mailboxes", { count });
  return mailboxes;
}

const signIn = (page: Page, user: string) => signInAs(page, user, "/mailboxes", stack.portalUrl);

const count = async (page: Page, what: string) => Number(await page.getByTestId(`count-${what}`).textContent());

type TCall = { cmdlet: string | null; parameters: Record<string, unknown> | null; changed?: boolean; ran?: boolean };
async function setCallsByMailbox(): Promise<Map<string, number>> {
  const { calls } = await control<{ calls: TCall[] }>("GET", "calls");
  const changed = new Map<string, number>();
  for (const c of calls) {
    if (c.cmdlet !== "Set-MailboxAutoReplyConfiguration" || !c.changed) continue;
    const id = String(c.parameters?.Identity ?? "").toLowerCase();
    changed.set(id, (changed.get(id) ?? 0) + 1);
  }
  return changed;
}

test("50 mailboxes from a CSV with three bad rows: the bad rows are refused with reasons, the rest end verified, progress shows while it runs and after a reload", async ({ page }) => {
  test.setTimeout(240_000);
  const mailboxes = (await seed(60)).slice(10);
  const rows = mailboxes.map((m, i) => `Person ${i},${m}`);
  rows.splice(5, 0, "Typo,not-an-address");
  rows.splice(20, 0, "Gone,left.company@contoso.onmicrosoft.com");
  rows.splice(30, 0, `Again,${mailboxes[3]!.toUpperCase()}`);
  const csv = ["Name,Email", ...rows].join("\r\n");

  await signIn(page, "helpdesk");
  await page.getByRole("link", { name: "Bulk changes" }).click();
  await page.getByRole("link", { name: "New bulk change" }).click();
  await page.getByLabel("Upload a CSV file").setInputFiles({ name: "team.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toContainText("50 mailboxes ready. 3 rows refused and left out");
  const refused = page.getByRole("table", { name: "Refused rows" });
  await expect(refused.getByRole("row")).toHaveCount(4);
  await expect(refused).toContainText('"not-an-address" is not an email address.');
  await expect(refused).toContainText('No mailbox "left.company@contoso.onmicrosoft.com" in the part of Exchange you can see.');
  await expect(refused).toContainText("Listed already on line");

  // Exchange-like throttling, slow enough to watch: 150 calls at 10 a second.
  await control("POST", "throttling", { concurrency: 2, ratePerSecond: 10, burst: 5 });
  await fillEnabledReply(page, "The team is away for the holiday.");
  await page.getByRole("button", { name: "Set automatic replies for 50 mailboxes" }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
  await expect(page.getByRole("progressbar", { name: "Mailboxes finished" })).toBeVisible();
  await expect.poll(() => count(page, "done"), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await count(page, "remaining")).toBeGreaterThan(0);

  await page.reload();
  await expect(page.getByRole("progressbar", { name: "Mailboxes finished" })).toBeVisible();
  const afterReload = await count(page, "done");
  expect(afterReload).toBeGreaterThan(0);
  await expect.poll(() => count(page, "remaining"), { timeout: 120_000 }).toBe(0);
  expect({ done: await count(page, "done"), failed: await count(page, "failed") }).toEqual({ done: 50, failed: 0 });
  await expect(page.getByTestId("bulk-counts")).toContainText("50 verified");

  await control("DELETE", "throttling");
  const changed = await setCallsByMailbox();
  for (const m of mailboxes) {
    expect(changed.get(m.toLowerCase()), m).toBe(1);
    const state = await control<{ autoReply: { autoReplyState: string; internalMessage: string } }>("GET", `state/mailboxes/${encodeURIComponent(m)}`);
    expect(state.autoReply.autoReplyState).toBe("Enabled");
    expect(state.autoReply.internalMessage).toContain("The team is away for the holiday.");
  }
});

test("a portal restarted in the middle of a 500-mailbox run resumes: every mailbox ends once, none twice", async ({ page: before, browser }) => {
  test.setTimeout(420_000);
  let page = before;
  const mailboxes = await seed(500);
  await control("DELETE", "calls"); // the journey before this one changed some of them
  await signIn(page, "helpdesk");
  await page.goto(`${stack.portalUrl}/bulk/new`);
  await page.getByLabel(/^Addresses/).fill(mailboxes.join("\n"));
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toContainText("500 mailboxes ready.");
  await control("POST", "throttling", { concurrency: 4, ratePerSecond: 40, burst: 10 });
  await fillEnabledReply(page, "Office closed.");
  await page.getByRole("button", { name: "Set automatic replies for 500 mailboxes" }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
  const progressUrl = page.url();
  await expect.poll(() => count(page, "done"), { timeout: 60_000 }).toBeGreaterThan(60);

  // A progress tab left open while the portal is down refreshes into Next.js's fallback, a
  // browser navigation to the browser's own error page, which would race the reload below.
  // So the tab is closed, and after the restart a new one opens the page.
  await page.close();
  await stack.crashAndRestartPortal();
  // The session cookie outlives the process; the page picks up where the database says.
  page = await before.context().newPage();
  await page.goto(progressUrl);
  const doneAfterRestart = await count(page, "done");
  expect(doneAfterRestart).toBeLessThan(500);
  await expect.poll(async () => (await page.reload(), count(page, "remaining")), { timeout: 300_000, intervals: [3000] }).toBe(0);
  const done = await count(page, "done");
  const failed = await count(page, "failed");
  expect(done + failed).toBe(500);
  // A failure here can only be an interrupted change whose read-back showed it not applied; it says so.
  if (failed > 0) {
    await page.goto(`${progressUrl}?show=failed`);
    await expect(page.getByRole("row").filter({ hasText: "Reading the mailbox back shows the change is not in place" })).toHaveCount(failed);
  }
  await control("DELETE", "throttling");

  // None twice: Exchange changed each mailbox at most once, and every succeeded one exactly once.
  const changed = await setCallsByMailbox();
  for (const m of mailboxes) expect(changed.get(m.toLowerCase()) ?? 0, m).toBeLessThanOrEqual(1);
  expect([...changed.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(done);

  // Every mailbox ends once: one start and one end (finished or reconciled) in the audit trail.
  const auditor = await browser.newContext();
  const auditorPage = await auditor.newPage();
  await signInAs(auditorPage, "auditor", "/audit", stack.portalUrl);
  const res = await auditorPage.request.get(`${stack.portalUrl}/api/audit/export?format=jsonl&action=auto-reply.set`);
  expect(res.status()).toBe(200);
  const bulkId = new URL(progressUrl).pathname.split("/").at(-1);
  const events = (await res.text()).split("\n").slice(1).filter(Boolean).map((line) => JSON.parse(line) as { type: string; requestId: string | null; data: { bulkId?: string } });
  const ofThisBulk = new Set(events.filter((e) => e.type === "request.submitted" && e.data.bulkId === bulkId).map((e) => e.requestId));
  const perRequest = new Map<string, string[]>();
  for (const e of events) {
    if (!e.requestId || !ofThisBulk.has(e.requestId)) continue;
    perRequest.set(e.requestId, [...(perRequest.get(e.requestId) ?? []), e.type]);
  }
  expect(perRequest.size).toBe(500);
  for (const [id, types] of perRequest) {
    const ends = types.filter((t) => t === "execution.finished" || t === "request.reconciled").length;
    expect({ id, starts: types.filter((t) => t === "execution.started").length, ends }).toEqual({ id, starts: 1, ends: 1 });
  }
  await auditor.close();
});

test("retrying failed mailboxes meets the policy: one protected since waits for an approver, who runs it with their own token", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const [guarded, plain] = (await seed(2)).map((m) => m.toLowerCase()).sort() as [string, string];
  const SET = "Set-MailboxAutoReplyConfiguration";
  // Exchange refuses every change until the faults are cleared: both mailboxes fail.
  await control("POST", "faults", { kind: "server-error", status: 503, count: 1000, cmdlet: SET });
  try {
    await signIn(page, "helpdesk");
    await page.goto(`${stack.portalUrl}/bulk/new`);
    await page.getByLabel(/^Addresses/).fill(`${guarded}\n${plain}`);
    await page.getByRole("button", { name: "Check the list" }).click();
    await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toContainText("2 mailboxes ready.");
    await fillEnabledReply(page, "Moving offices.");
    await page.getByRole("button", { name: "Set automatic replies for 2 mailboxes" }).click();
    await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
    await expect.poll(async () => (await page.reload(), count(page, "failed")), { timeout: 120_000, intervals: [2000] }).toBe(2);
  } finally {
    await control("DELETE", "faults");
  }

  // Meanwhile an admin protects one of them.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.goto(`${stack.portalUrl}/admin/policies`);
  await admin.getByLabel("Protect").selectOption("MAILBOX");
  await admin.getByLabel("Address or department").fill(guarded);
  await admin.getByRole("button", { name: "Add", exact: true }).click();
  await expect(admin.getByRole("button", { name: `Remove protection of ${guarded}` })).toBeVisible();

  await control("DELETE", "calls");
  await page.getByRole("button", { name: "Retry the 2 failed mailboxes" }).click();
  await expect(page.getByText("1 failed mailbox is queued again. 1 waits for an approver.")).toBeVisible();
  await expect.poll(async () => (await page.reload(), count(page, "done")), { timeout: 60_000, intervals: [1000] }).toBe(1);
  expect(await count(page, "remaining")).toBe(1);

  const approverContext = await browser.newContext();
  const approver = await approverContext.newPage();
  await signIn(approver, "approver");
  await approver.goto(`${stack.portalUrl}/approvals`);
  const item = approver.getByRole("listitem").filter({ hasText: guarded });
  await expect(item).toContainText("attempt 1 failed");
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await item.getByRole("link", { name: "See the request" }).click();
  await expect(approver.getByTestId("request-status")).toHaveText("Succeeded · verified");

  // Every change Exchange was sent since the retry carried the token of the person allowed to
  // make it: the approver's for the protected mailbox, the requester's for the other. (Whether
  // Exchange reports a Set as having changed something depends on the mailbox's earlier state,
  // which other journeys on this tenant may have left equal; who sent it does not.)
  const { calls } = await control<{ calls: (TCall & { upn: string; fault: string | null })[] }>("GET", "calls");
  const senders = [...new Set(calls.filter((c) => c.cmdlet === SET).map((c) => `${String(c.parameters?.Identity).toLowerCase()} by ${c.upn.toLowerCase()}`))];
  const seen = calls.filter((c) => c.cmdlet?.includes("AutoReply")).map((c) => [c.cmdlet, c.upn, c.parameters?.Identity, c.fault, c.ran, c.changed]);
  expect(senders.sort(), JSON.stringify(seen)).toEqual([`${guarded} by ${mailbox("approver")}`, `${plain} by ${mailbox("helpdesk")}`].sort());
  const guardedNow = await control<{ autoReply: { internalMessage: string } }>("GET", `state/mailboxes/${encodeURIComponent(guarded)}`);
  expect(guardedNow.autoReply.internalMessage).toContain("Moving offices.");
  await page.reload();
  expect(await count(page, "done")).toBe(2);

  await admin.getByRole("button", { name: `Remove protection of ${guarded}` }).click();
  await expect(admin.getByRole("button", { name: `Remove protection of ${guarded}` })).toHaveCount(0);
  await adminContext.close();
  await approverContext.close();
});

test("a bulk schedule is read in the time zone picked for it", async ({ page }) => {
  const targets = (await seed(10)).slice(2, 4);
  await signIn(page, "helpdesk");
  await page.goto(`${stack.portalUrl}/bulk/new`);
  await page.getByLabel(/^Addresses/).fill(targets.join("\n"));
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(page.getByRole("status").filter({ hasText: "mailboxes ready" })).toContainText("2 mailboxes ready.");
  await page.getByRole("radio", { name: "Scheduled" }).check();
  await page.getByLabel("Time zone of the schedule").selectOption("Asia/Tokyo");
  await page.getByLabel(/^Start/).fill("2030-12-24T09:00");
  await page.getByLabel(/^End/).fill("2031-01-02T17:30");
  await replyEditor(page, "internal").fill("Closed for the holidays.");
  await page.getByRole("button", { name: "Set automatic replies for 2 mailboxes" }).click();
  await page.waitForURL(/\/bulk\/[0-9a-f-]{36}/);
  await expect.poll(async () => (await page.reload(), count(page, "done")), { timeout: 60_000, intervals: [1000] }).toBe(2);
  for (const m of targets) {
    const { autoReply } = await control<{ autoReply: { autoReplyState: string; startTime: string; endTime: string } }>("GET", `state/mailboxes/${encodeURIComponent(m)}`);
    expect(autoReply.autoReplyState).toBe("Scheduled");
    // 09:00 and 17:30 in Tokyo (UTC+9, no daylight saving) are exactly these UTC instants.
    expect(new Date(autoReply.startTime).toISOString()).toBe("2030-12-24T00:00:00.000Z");
    expect(new Date(autoReply.endTime).toISOString()).toBe("2031-01-02T08:30:00.000Z");
  }
});
