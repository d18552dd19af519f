import { expect, test, type Page } from "@playwright/test";
import { autoReplyOf, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

const SET = "Set-MailboxAutoReplyConfiguration";

async function enableReplyFor(page: Page, text: string) {
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await fillEnabledReply(page, text);
  await page.getByRole("button", { name: "Apply change" }).click();
}

async function expectNoStackTrace(page: Page) {
  const text = await page.locator("body").innerText();
  expect(text).not.toMatch(/\n\s+at \S+ \(|Error: |Exception\b/);
}

test.beforeEach(async ({ page }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
});

test("a 429 on the change is waited out as Exchange asks, then the change runs and is verified", async ({ page }) => {
  await emulator().post("/_emulator/faults", { kind: "throttle", cmdlet: SET, retryAfterSeconds: 3, count: 2 });
  const started = Date.now();
  await enableReplyFor(page, "after throttling");
  await expect(page.getByText("Exchange is busy, retrying…")).toBeVisible(); // not a silent spinner
  await expect(page.getByText("Done and verified")).toBeVisible();
  expect(Date.now() - started).toBeGreaterThanOrEqual(6000); // two waits of Retry-After: 3
  await expect(page.getByText("Exchange is busy, retrying…")).toHaveCount(0);
  expect((await autoReplyOf("adele.vance")).internalMessage).toContain("after throttling");
  const sets = (await emulator().get<{ calls: { cmdlet: string | null; status: number }[] }>("/_emulator/calls")).calls.filter((c) => c.cmdlet === SET);
  expect(sets.map((c) => c.status)).toEqual([429, 429, 200]);
});

test("a 429 asking for a longer wait than ExoDesk's budget: a clear message and a FAILED request; nothing changed", async ({ page }) => {
  await emulator().post("/_emulator/faults", { kind: "throttle", cmdlet: SET, retryAfterSeconds: 45 });
  await enableReplyFor(page, "throttled");
  const alert = page.getByRole("alert").filter({ hasText: "The change was not made" });
  await expect(alert).toContainText("Exchange is busy");
  await expect(alert).toContainText("45 seconds");
  await expectNoStackTrace(page);
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");
  await alert.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Failed");
});

test("a 503 on the change that outlasts the retries: the mailbox is read back, the change is not there, the request is FAILED", async ({ page }) => {
  await emulator().post("/_emulator/faults", { kind: "server-error", cmdlet: SET, status: 503, count: 10 });
  await enableReplyFor(page, "unavailable");
  const alert = page.getByRole("alert").filter({ hasText: "The change was not made" });
  await expect(alert).toBeVisible();
  await expectNoStackTrace(page);
  expect((await autoReplyOf("adele.vance")).autoReplyState).toBe("Disabled");
  await alert.getByRole("link", { name: "See the request" }).click();
  await expect(page.getByTestId("request-status")).toHaveText("Failed");
});

test("a NUL-padded answer to the change is still read, and the change is verified", async ({ page }) => {
  await emulator().post("/_emulator/faults", { kind: "malformed", cmdlet: SET, variant: "nul-padded" });
  await enableReplyFor(page, "padded");
  await expect(page.getByText("Done and verified")).toBeVisible();
  expect((await autoReplyOf("adele.vance")).internalMessage).toContain("padded");
});

for (const variant of ["empty", "html", "fake-gzip", "truncated-json"]) {
  test(`a ${variant} answer to the change: the read-back shows the change applied, so it succeeds, verified, with a note`, async ({ page }) => {
    await emulator().post("/_emulator/faults", { kind: "malformed", cmdlet: SET, variant });
    await enableReplyFor(page, `malformed ${variant}`);
    await expect(page.getByText("Done and verified")).toBeVisible();
    await expectNoStackTrace(page);
    expect((await autoReplyOf("adele.vance")).internalMessage).toContain(`malformed ${variant}`);
    await page.getByRole("link", { name: "See the request" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
    await expect(page.getByText(/Exchange's answer was not clear/)).toBeVisible();
  });
}

test("a malformed answer to every read: an honest error, no request left running", async ({ page }) => {
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await emulator().post("/_emulator/faults", { kind: "malformed", variant: "html", count: 1 });
  await fillEnabledReply(page, "x");
  await page.getByRole("button", { name: "Apply change" }).click();
  // The change's own outcome before leaving the page (Next.js's route announcer is an alert
  // too, so "any alert" was there at once): the read is retried, or the error says so plainly.
  await expect(page.getByRole("main").getByText(/Done and verified|could not read/)).toBeVisible();
  await expectNoStackTrace(page);
  await page.goto("/requests");
  await expect(page.getByText("Running")).toHaveCount(0);
});
