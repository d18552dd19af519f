import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import type { TStack } from "../../scripts/stack/start-stack";
import { callEmulator } from "../support/emulator-control";
import type { TReceivedMail } from "../emulator/notifications/mail-sink";
import type { TReceivedWebhook } from "../emulator/notifications/webhook-receiver";
import { mailbox, signInAs } from "./support";
import { startOwnStack } from "./support/own-stack";
import { freePortOfWorker } from "./support/worker-stack";

// Two portal processes on one database, each with its delivery loop polling every second and
// kicked by its own changes: requests are made and approved on both, alternately, and every
// notice must reach the mail server and the webhook receiver exactly once (by Message-ID and
// Idempotency-Key), whichever instance claimed it.

let stack: TStack;
let A: string;
let B: string;
let db: pg.Client;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startOwnStack("notify-multi", { EXODESK_NOTIFICATION_POLL_SECONDS: "1" });
  A = stack.portalUrl;
  B = await stack.startAnotherPortal(await freePortOfWorker());
  db = new pg.Client({ connectionString: stack.portalEnv.DATABASE_URL });
  await db.connect();
});

test.afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

const control = <T>(path: string) => callEmulator<T>({ url: stack.emulatorUrl, caPath: stack.caCertPath }, "GET", path);

async function requestFullAccess(page: Page, portal: string, owner: string, reason: string) {
  await page.goto(`${portal}/mailboxes/${encodeURIComponent(mailbox(owner))}/access`);
  await page.getByRole("radio", { name: "FullAccess", exact: true }).check();
  await page.getByLabel("Person").fill(mailbox("alex.wilber"));
  await page.getByLabel(/^Reason/).fill(reason);
  await page.getByRole("button", { name: "Grant FullAccess" }).click();
  await expect(page.getByText(/Sent for approval/)).toBeVisible();
}

test("with two portal instances every notification is delivered exactly once", async ({ page }) => {
  test.setTimeout(300_000);
  const owners = ["megan.bowen", "adele.vance", "christie.cline", "emily.braun"];
  const run = randomUUID().slice(0, 8);
  await signInAs(page, "approver", "/approvals", A); // approvers are told once they have signed in
  await page.context().clearCookies();

  await signInAs(page, "helpdesk", "/mailboxes", A);
  for (const [i, owner] of owners.entries()) await requestFullAccess(page, i % 2 ? B : A, owner, `Cover ${owner} (${run})`);
  await page.context().clearCookies();
  await signInAs(page, "approver", "/approvals", A);
  for (const [i, owner] of owners.entries()) {
    await page.goto(`${i % 2 ? A : B}/approvals`);
    const item = page.getByRole("listitem").filter({ hasText: `Cover ${owner} (${run})` });
    await item.getByRole("button", { name: /^Approve and apply:/ }).click();
    await expect(item.getByRole("status")).toContainText("Done and verified");
  }

  // 4 waiting notices and 4 outcomes, each by e-mail (approver@, then helpdesk@) and webhook.
  const count = async (where: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM "NotificationDelivery" WHERE ${where}`)).rows[0]!.n);
  await expect.poll(() => count(`status = 'SENT'`), { timeout: 60_000 }).toBe(16);
  expect(await count(`status <> 'SENT'`)).toBe(0);
  const { rows } = await db.query<{ id: string; channel: string }>(`SELECT id, channel FROM "NotificationDelivery"`);
  const { messages } = await control<{ messages: TReceivedMail[] }>("/_emulator/mail");
  const { webhooks } = await control<{ webhooks: TReceivedWebhook[] }>("/_emulator/webhooks");
  expect(messages.map((m) => m.messageId).sort()).toEqual(rows.filter((r) => r.channel === "EMAIL").map((r) => `<${r.id}@contoso.onmicrosoft.com>`).sort());
  expect(webhooks.map((w) => w.headers["idempotency-key"]).sort()).toEqual(rows.filter((r) => r.channel === "WEBHOOK").map((r) => r.id).sort());
  expect(webhooks.every((w) => w.signature === "valid")).toBe(true);
  expect(messages.filter((m) => m.envelope.to[0] === mailbox("approver")).map((m) => m.subject).sort()).toEqual(
    ["Christie Cline", "Emily Braun", "Megan Bowen", "Adele Vance"].map((name) => `Waiting for your approval: Grant FullAccess on ${name}`).sort(),
  );
  expect(messages.filter((m) => m.envelope.to[0] === mailbox("helpdesk"))).toHaveLength(4);
});
