import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import type { TReceivedMail } from "../emulator/notifications/mail-sink";
import type { TReceivedWebhook } from "../emulator/notifications/webhook-receiver";
import { emulator, mailbox, requestFullAccessForAlex, signInAs } from "./support";
import { PORTAL_URL } from "./support/worker-stack";

// Notifications through the real parts of the stack: the portal's sender e-mails the emulator's
// SMTP server (STARTTLS, with a login) and posts signed webhooks to its receiver
// (tests/emulator/notifications). What they received is read through the control API; the mail
// and webhooks of other journeys on this stack are told apart by the request's reason (unique
// here) or link, and its id.

const mailAbout = async (requestId: string, reason: string) =>
  (await emulator().get<{ messages: TReceivedMail[] }>("/_emulator/mail")).messages.filter((m) => m.text.includes(reason) || m.text.includes(`/requests/${requestId}`));
const webhooksAbout = async (requestId: string) =>
  (await emulator().get<{ webhooks: TReceivedWebhook[] }>("/_emulator/webhooks")).webhooks.filter((w) => (w.json as { requestId?: string } | null)?.requestId === requestId);

test("a FullAccess grant that needs approval: the approver is e-mailed, approves on the page, the requester is e-mailed the outcome, and the webhook gets both, signed", async ({ page }) => {
  await emulator().post("/_emulator/reset");
  // Approvers are told when they have signed in to ExoDesk before.
  await signInAs(page, "approver", "/approvals");
  await page.context().clearCookies();

  await signInAs(page, "helpdesk");
  const reason = `Alex covers Megan's inbox while she is away (${randomUUID().slice(0, 8)})`;
  const requestPath = await requestFullAccessForAlex(page, "megan.bowen", reason);
  const requestId = requestPath.split("/").pop()!;
  const link = `${PORTAL_URL}/requests/${requestId}`;

  // The approver's mail, through the real SMTP server, within moments of the request.
  await expect.poll(async () => (await mailAbout(requestId, reason)).length).toBe(1);
  const [waiting] = await mailAbout(requestId, reason);
  expect(waiting).toMatchObject({
    envelope: { from: "exodesk@contoso.onmicrosoft.com", to: [mailbox("approver")] },
    from: '"ExoDesk" <exodesk@contoso.onmicrosoft.com>',
    subject: "Waiting for your approval: Grant FullAccess on Megan Bowen",
    secure: true,
    login: "exodesk",
    messageId: expect.stringMatching(/^<[0-9a-f-]{36}@contoso\.onmicrosoft\.com>$/),
  });
  expect(waiting!.text).toContain("Helpdesk Agent (helpdesk@contoso.onmicrosoft.com) asks for this change:");
  expect(waiting!.text).toContain("Alex Wilber");
  expect(waiting!.text).toContain(`Their reason: ${reason}.`);
  // The link leads to the request's page (after sign-in), which sends the approver to the queue;
  // approving is a POST there.
  expect(waiting!.text).toContain(`Open the request in ExoDesk: ${link}`);
  expect(waiting!.html).toContain(`<a href="${link}">Open the request in ExoDesk</a>`);

  await page.context().clearCookies();
  await signInAs(page, "approver", new URL(link).pathname);
  await expect(page.getByText(reason)).toBeVisible();
  await page.getByRole("link", { name: "Decide it in Approvals" }).click();
  const item = page.getByRole("listitem").filter({ hasText: reason });
  await item.getByRole("button", { name: /^Approve and apply:/ }).click();
  await expect(item.getByRole("status")).toContainText("Done and verified");

  await expect.poll(async () => (await mailAbout(requestId, reason)).length).toBe(2);
  const outcome = (await mailAbout(requestId, reason)).find((m) => m !== waiting && m.messageId !== waiting!.messageId)!;
  expect(outcome).toMatchObject({ envelope: { to: [mailbox("helpdesk")] }, subject: "Approved and applied: Grant FullAccess on Megan Bowen", secure: true });
  expect(outcome.text).toContain("Approving Manager approved your request, and it is done:");
  expect(outcome.text).toContain(link);

  // The webhook receiver got both events, each signed under the stack's secret.
  await expect.poll(async () => (await webhooksAbout(requestId)).map((w) => (w.json as { event: string }).event)).toEqual(["approval.waiting", "request.decided"]);
  const hooks = await webhooksAbout(requestId);
  for (const hook of hooks) {
    expect(hook.signature).toBe("valid");
    expect(hook.headers["idempotency-key"]).toBe((hook.json as { id: string }).id);
    expect(hook.json).toMatchObject({ requestId, link });
  }
  expect(new Set(hooks.map((h) => h.headers["idempotency-key"])).size).toBe(2);
});
