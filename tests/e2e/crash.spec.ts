import { expect, test, type Page } from "@playwright/test";
import { callEmulator } from "../support/emulator-control";
import type { TStack } from "../../scripts/stack/start-stack";
import { startOwnStack } from "./support/own-stack";
import { fillEnabledReply, mailbox, signInAs, type TAutoReplyState } from "./support";

// Crash safety with a portal of its own: SIGKILL while six changes are in flight (three
// waiting on their before-read, three on the change itself), restart, and every request must
// end in the state the mailbox really is in. Short leases and sweeps keep the wait short.
const MAILBOXES = ["patti.fernandez", "pradeep.gupta", "nestor.wilke", "joni.sherman", "johanna.lorenz", "isaiah.langer"];
const LATENCY_MS = 8000;

let stack: TStack;

test.beforeAll(async () => {
  stack = await startOwnStack("crash", { EXODESK_EXECUTION_LEASE_SECONDS: "20", EXODESK_SWEEP_SECONDS: "3" });
});

test.afterAll(async () => {
  await stack?.stop();
});

const control = () => ({ url: stack.emulatorUrl, caPath: stack.caCertPath });

async function fillReply(page: Page, local: string) {
  await page.goto(`${stack.portalUrl}/mailboxes/${encodeURIComponent(mailbox(local))}/auto-reply`);
  await fillEnabledReply(page, `Crash test for ${local}`);
}

test("a portal killed mid-execution reconciles every request to the mailbox's real state after restart", async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const first = await context.newPage();
  await signInAs(first, "helpdesk", "/mailboxes", stack.portalUrl);

  const pages = [first, ...(await Promise.all(MAILBOXES.slice(1).map(() => context.newPage())))];
  for (const [i, local] of MAILBOXES.entries()) await fillReply(pages[i]!, local);
  await callEmulator(control(), "POST", "/_emulator/faults", { kind: "latency", count: 3, latencyMs: LATENCY_MS, cmdlet: "Get-MailboxAutoReplyConfiguration" });
  await callEmulator(control(), "POST", "/_emulator/faults", { kind: "latency", count: 3, latencyMs: LATENCY_MS, cmdlet: "Set-MailboxAutoReplyConfiguration" });
  await Promise.all(pages.map((p) => p.getByRole("button", { name: "Apply change" }).click()));
  // Every request is written and waiting on Exchange: all six held calls have taken their fault.
  await expect.poll(async () => (await callEmulator<{ faults: unknown[] }>(control(), "GET", "/_emulator/faults")).faults).toEqual([]);
  await stack.crashAndRestartPortal();

  // After the restart the requests show as unknown until their lease is over, then settle.
  const list = await context.newPage();
  await expect(async () => {
    await list.goto(`${stack.portalUrl}/requests`);
    const states = await list.getByTestId("request-status").allTextContents();
    expect(states).toHaveLength(MAILBOXES.length);
    expect(states.filter((s) => /Outcome unknown|Running/.test(s))).toEqual([]);
  }).toPass({ timeout: 120_000, intervals: [2000] });

  const outcomes: Record<string, string> = {};
  for (const local of MAILBOXES) {
    const row = list.getByRole("row").filter({ hasText: mailbox(local) });
    await expect(row).toHaveCount(1); // each change asked for once, recorded once
    const status = await row.getByTestId("request-status").textContent();
    const { autoReply } = await callEmulator<{ autoReply: TAutoReplyState }>(control(), "GET", `/_emulator/state/mailboxes/${mailbox(local)}`);
    const applied = autoReply.autoReplyState === "Enabled" && (autoReply.internalMessage ?? "").includes(`Crash test for ${local}`);
    expect(status, `${local}: request says ${status}, mailbox ${applied ? "has" : "does not have"} the change`).toBe(applied ? "Succeeded · verified" : "Failed");
    outcomes[local] = status!;
  }
  // Both kinds of interruption happened: some changes had reached Exchange, some had not.
  expect(Object.values(outcomes)).toContain("Succeeded · verified");
  expect(Object.values(outcomes)).toContain("Failed");
  const { calls } = await callEmulator<{ calls: { cmdlet: string | null; parameters: { Identity?: string } | null }[] }>(control(), "GET", "/_emulator/calls");
  for (const local of MAILBOXES) {
    expect(calls.filter((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration" && c.parameters?.Identity === mailbox(local)).length).toBeLessThanOrEqual(1);
  }
  await context.close();
});
