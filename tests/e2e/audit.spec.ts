import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test, type Page, type Request } from "@playwright/test";
import { parse } from "csv-parse/sync";
import type { TAuditRow } from "../../lib/audit/audit-row";
import { applyVerified, autoReplyOf, changeCalls, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";

// The auditor's journeys. Other journeys share the database, so every look at the history is
// narrowed to this file's own mailbox.
const LYNNE = mailbox("lynne.robbins");

async function turnOnReply(page: Page, text: string) {
  await openAutoReply(page, "lynne", LYNNE);
  await fillEnabledReply(page, text);
  await applyVerified(page);
  await page.getByRole("link", { name: "See the request" }).click();
  await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

function csvRows(file: string): TAuditRow[] {
  const records = parse(readFileSync(file), { columns: true, comment: "#" }) as Record<string, string>[];
  const orNull = (v: string | undefined) => (v ? v : null);
  return records.map((r) => ({
    seq: BigInt(r.seq!),
    id: r.id!,
    at: new Date(r.at!),
    type: r.type!,
    actorOid: orNull(r.actor_oid),
    actorUpn: orNull(r.actor_upn),
    actorName: orNull(r.actor_name),
    actorRoles: JSON.parse(r.actor_roles!) as string[],
    actorIp: orNull(r.actor_ip),
    actorUserAgent: orNull(r.actor_user_agent),
    requestId: orNull(r.request_id),
    targetMailbox: orNull(r.target_mailbox),
    action: orNull(r.action),
    status: orNull(r.status),
    data: JSON.parse(r.data!) as unknown,
    prevHash: r.prev_hash!,
    hash: r.hash!,
  }));
}

// The README's rule, sha256(previous hash + canonical JSON of the row), worked out here as an
// auditor with only the file would, not with lib/audit's code that wrote the hash. Canonical:
// no spaces, object keys sorted at every depth; action and status count only when set.
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(",")}]`
    : v !== null && typeof v === "object"
      ? `{${Object.entries(v as Record<string, unknown>)
          .filter(([, x]) => x !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`)
          .join(",")}}`
      : JSON.stringify(v);
function hashOf(r: TAuditRow): string {
  const actor = r.actorUpn === null ? null : { oid: r.actorOid, upn: r.actorUpn, name: r.actorName, roles: r.actorRoles, ip: r.actorIp, userAgent: r.actorUserAgent };
  const row = { id: r.id, at: r.at.toISOString(), type: r.type, actor, requestId: r.requestId, targetMailbox: r.targetMailbox, action: r.action ?? undefined, status: r.status ?? undefined, data: r.data };
  return createHash("sha256").update(r.prevHash + canonical(row)).digest("hex");
}

test.describe.configure({ mode: "serial" });

test("a change and its revert: the mailbox is back as it was, and the auditor finds, reads and exports both", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  const before = await autoReplyOf("lynne.robbins");

  await signInAs(page, "helpdesk");
  const changeId = await turnOnReply(page, "Lynne is travelling");
  expect((await autoReplyOf("lynne.robbins")).internalMessage).toContain("Lynne is travelling");
  const changeCall = (await changeCalls()).find((c) => c.cmdlet === "Set-MailboxAutoReplyConfiguration");

  await page.getByRole("button", { name: "Revert" }).click();
  // The revert's own outcome, in place (the page's banner above says the change was verified).
  await expect(page.getByRole("region", { name: "Revert this change" }).getByRole("status")).toContainText("Done and verified");
  await page.getByRole("link", { name: "See the revert's request" }).click();
  await page.waitForURL((url) => /\/requests\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(changeId));
  const revertId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("request-status")).toHaveText("Succeeded · verified");
  await expect(page.getByRole("link", { name: `request ${changeId}` })).toBeVisible();
  const after = await autoReplyOf("lynne.robbins");
  expect(after).toEqual(before);

  await page.context().clearCookies();
  await signInAs(page, "auditor", "/");
  await page.waitForURL(/\/audit$/);
  await page.getByLabel("Mailbox (address)").fill(LYNNE.toUpperCase());
  await page.getByRole("button", { name: "Show" }).click();
  const rows = page.locator("tbody tr");
  await expect(rows.filter({ hasText: "Execution finished" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "Submitted" })).toHaveCount(2);

  await rows.first().getByRole("link", { name: LYNNE }).click();
  await expect(page.getByRole("heading", { name: `Every change to ${LYNNE}` })).toBeVisible();
  // Each change's own list items (its before and after lines) are not changes.
  const changes = page.getByRole("list", { name: "Changes, newest first" }).locator(":scope > li");
  await expect(changes).toHaveCount(2);
  const original = page.locator(`li[data-request-id="${changeId}"]`);
  // Lynne's seeded reply is already on, with another message: the diff shows what changed.
  const message = (request: string) => page.locator(`li[data-request-id="${request}"]`).getByRole("listitem").filter({ hasText: "Message inside the organisation: changed" }).getByRole("blockquote");
  await expect(original.getByText(/^Undoing/)).toHaveCount(0);
  await expect(message(changeId).nth(0)).toContainText("out of the office today");
  await expect(message(changeId).nth(1)).toContainText("Lynne is travelling");
  await expect(page.locator(`li[data-request-id="${revertId}"]`)).toContainText("Undoing an earlier change: Automatic replies for Lynne Robbins were changed, still on, for people inside the organisation and senders in the mailbox's contacts");
  await expect(message(revertId).nth(0)).toContainText("Lynne is travelling");
  await expect(message(revertId).nth(1)).toContainText("out of the office today");

  // The export of this mailbox's history: every row recomputes to its hash, under the head.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const text = readFileSync(file, "utf8");
  const head = /^# chain head: seq (\d+), hash ([0-9a-f]{64})\r$/m.exec(text);
  expect(head).not.toBeNull();
  const exported = csvRows(file);
  expect(exported.filter((r) => r.requestId === changeId).map((r) => r.type)).toEqual(["request.submitted", "execution.started", "execution.finished"]);
  expect(exported.filter((r) => r.requestId === revertId)).toHaveLength(3);
  for (const row of exported) {
    expect(row.targetMailbox).toBe(LYNNE);
    expect(hashOf(row)).toBe(row.hash);
    expect(row.seq <= BigInt(head![1]!)).toBe(true);
  }

  await page.locator(`li[data-request-id="${changeId}"]`).getByRole("link", { name: "Full record" }).click();
  await expect(page.getByTestId("client-request-id")).toHaveText(changeCall!.clientRequestId!);
  const timeline = page.getByRole("list", { name: "Events of this request, oldest first" }).getByRole("listitem");
  await expect(timeline).toHaveText([/Submitted by helpdesk@/, /Execution started by helpdesk@/, /Execution finished by helpdesk@.*SUCCEEDED \(verified\)/s]);
  await expect(page.getByRole("link", { name: new RegExp(`request ${revertId}`) })).toBeVisible();

  await page.getByRole("link", { name: "Audit history" }).click();
  await expect(page.getByTestId("chain-head")).toHaveText(/^[0-9a-f]{64}$/);
  await page.getByRole("button", { name: "Verify the chain now" }).click();
  await expect(page.getByText(/The chain is intact: \d+ events verified\./)).toBeVisible();
  await expect(page.getByTestId("chain-state")).toContainText("Intact when last verified");
});

test("helpdesk staff cannot open the auditor's pages or export, and the refusal is in the history", async ({ page }) => {
  await signInAs(page, "helpdesk");
  for (const path of ["/audit", `/audit/mailboxes/${encodeURIComponent(LYNNE)}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  }
  const exported = await page.request.get(`/api/audit/export?format=csv&mailbox=${encodeURIComponent(LYNNE)}`);
  expect(exported.status()).toBe(403);
  expect(await exported.text()).not.toContain(LYNNE);
  await expect(page.getByRole("link", { name: "Audit" })).toHaveCount(0);

  await page.context().clearCookies();
  await signInAs(page, "auditor", "/");
  await page.goto(`/audit?type=access.denied&actor=${encodeURIComponent(mailbox("helpdesk"))}`);
  await expect(page.locator("tbody tr").filter({ hasText: "Needed audit.read at /audit/mailboxes/" }).first()).toBeVisible();
  await expect(page.locator("tbody tr").filter({ hasText: "Needed audit.read at /api/audit/export" }).first()).toBeVisible();
});

// Captures the server-action call a form makes, without letting it run.
async function captureAction(page: Page, submit: () => Promise<void>): Promise<Request> {
  const captured = new Promise<Request>((resolve) => {
    void page.route("**/*", async (route) => {
      if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
        resolve(route.request());
        await route.abort();
      } else await route.continue();
    });
  });
  await submit();
  const request = await captured;
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return request;
}

test("an auditor has no forms to change anything, and replayed change and revert calls are refused", async ({ page, browser }) => {
  await emulator().post("/_emulator/reset");
  await signInAs(page, "helpdesk");
  const changeId = await turnOnReply(page, "Before the replay");
  const revert = await captureAction(page, () => page.getByRole("button", { name: "Revert" }).click());
  await openAutoReply(page, "lynne", LYNNE);
  await page.getByRole("radio", { name: "Off" }).check();
  const submit = await captureAction(page, () => page.getByRole("button", { name: "Apply change" }).click());

  const auditor = await (await browser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
  await signInAs(auditor, "auditor", "/");
  for (const path of ["/mailboxes", `/requests/${changeId}`, "/approvals"]) {
    await auditor.goto(path);
    await expect(auditor.getByRole("heading", { name: "This page is not part of your role" })).toBeVisible();
  }
  const callsBefore = (await changeCalls()).length;
  for (const call of [revert, submit]) {
    const headers = await call.allHeaders();
    const reply = await auditor.request.post(call.url(), {
      headers: { "content-type": headers["content-type"]!, "next-action": headers["next-action"]!, origin: new URL(call.url()).origin, accept: "text/x-component" },
      data: call.postDataBuffer()!,
    });
    expect(await reply.text()).toContain("You do not have the ExoDesk role needed for this.");
  }
  expect((await changeCalls()).length).toBe(callsBefore);
  expect((await autoReplyOf("lynne.robbins")).autoReplyState).toBe("Enabled");
});
