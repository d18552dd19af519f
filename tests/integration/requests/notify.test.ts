import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSession } from "@/lib/auth/session-store";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { webhookRef } from "@/lib/notifications/channels";
import { ExchangeError } from "@/lib/exchange/errors";
import { approveRequest } from "@/lib/requests/approve-request";
import { expireOverdueRequests } from "@/lib/requests/expire-requests";
import { rejectRequest } from "@/lib/requests/reject-request";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { actorOf, person, setApprovalRequired } from "../support/people";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// Who hears of what (lib/requests/notify-request.ts): the in-app entries and the outbox rows are
// written with the change that causes them, in plain words, with the request's link.
useMigratedEmbeddedDb();

const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approverA = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const approverB = person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver", "ExoDesk.Helpdesk"]);
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };
const WEBHOOK = "https://hooks.example.com/exodesk";

beforeAll(async () => {
  await setApprovalRequired(true, ["auto-reply.set"]);
  await getDb().approvalPolicy.update({ where: { actionId: "auto-reply.set" }, data: { notifyAddress: "Helpdesk-Leads@contoso.onmicrosoft.com" } });
  // Approvers are the people who signed in with the role.
  for (const p of [helpdesk, approverA, approverB]) await startSession(p);
});

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_URL", "https://exodesk.contoso.com");
  vi.stubEnv("EXODESK_SMTP_HOST", "smtp.contoso.com");
  vi.stubEnv("EXODESK_MAIL_FROM", "exodesk@contoso.com");
  vi.stubEnv("EXODESK_WEBHOOK_URLS", WEBHOOK);
  vi.stubEnv("EXODESK_WEBHOOK_SECRET", "s".repeat(40));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await getDb().notificationSwitch.deleteMany();
});

async function submit(user: TSessionUser, ex = scriptedExchange({ set: "ok" }).ex) {
  return await submitRequest({ user, actor: actorOf(user), ex, actionId: "auto-reply.set", rawParams: enable, reason: "Holiday cover" });
}

const inApp = (requestId: string) => getDb().notification.findMany({ where: { requestId }, orderBy: [{ createdAt: "asc" }, { recipientOid: "asc" }] });
const outbox = async (requestId: string) =>
  (await getDb().notificationDelivery.findMany({ where: { payload: { path: ["requestId"], equals: requestId } } }))
    .map((d) => [d.event, d.channel, d.recipient])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));

describe("notifications of a request", () => {
  it("a waiting request tells every approver who signed in (not the requester) and the policy's address, in words, with its link", async () => {
    const { requestId } = await submit(helpdesk);
    const entries = await inApp(requestId);
    expect(entries.map((e) => e.recipientOid).sort()).toEqual([approverA.oid, approverB.oid].sort());
    expect(entries[0]).toMatchObject({ event: "approval.waiting", link: `/requests/${requestId}`, readAt: null });
    expect(entries[0]!.subject).toMatch(/^Waiting for your approval: .+ on /);
    expect(entries[0]!.text).toContain(`${helpdesk.name} (${helpdesk.upn}) asks for this change:`);
    expect(entries[0]!.text).toContain("Their reason: Holiday cover.");
    expect(await outbox(requestId)).toEqual([
      ["approval.waiting", "EMAIL", "approver2@contoso.onmicrosoft.com"],
      ["approval.waiting", "EMAIL", "approver@contoso.onmicrosoft.com"],
      ["approval.waiting", "EMAIL", "helpdesk-leads@contoso.onmicrosoft.com"],
      ["approval.waiting", "WEBHOOK", webhookRef(WEBHOOK)],
    ]);
    const delivery = await getDb().notificationDelivery.findFirstOrThrow({ where: { channel: "EMAIL", payload: { path: ["requestId"], equals: requestId } } });
    expect(delivery.payload).toMatchObject({ link: `https://exodesk.contoso.com/requests/${requestId}`, subject: entries[0]!.subject, text: entries[0]!.text });
  });

  it("approved and applied, rejected with its reason, expired: the requester hears each, nobody else", async () => {
    const approved = (await submit(helpdesk)).requestId;
    await approveRequest({ approver: approverA, actor: actorOf(approverA), ex: scriptedExchange({ set: "ok" }).ex, requestId: approved, comment: "fine" });
    const told = (await inApp(approved)).filter((e) => e.event === "request.decided");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ recipientOid: helpdesk.oid, subject: expect.stringMatching(/^Approved and applied: /) });
    expect(told[0]!.text).toContain(`${approverA.name} approved your request, and it is done:`);
    expect(told[0]!.text).toContain("Their comment: fine.");

    const rejected = (await submit(helpdesk)).requestId;
    await rejectRequest({ approver: approverB, actor: actorOf(approverB), requestId: rejected, reason: "Not during the audit" });
    const rejection = (await inApp(rejected)).find((e) => e.event === "request.decided");
    expect(rejection).toMatchObject({ recipientOid: helpdesk.oid, subject: expect.stringMatching(/^Rejected: /) });
    expect(rejection!.text).toContain("Their reason: Not during the audit.");
    expect(await outbox(rejected)).toContainEqual(["request.decided", "EMAIL", helpdesk.upn]);

    const expiring = (await submit(helpdesk)).requestId;
    await getDb().request.update({ where: { id: expiring }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expireOverdueRequests();
    const expiry = (await inApp(expiring)).find((e) => e.event === "request.decided");
    expect(expiry).toMatchObject({ recipientOid: helpdesk.oid, subject: expect.stringMatching(/^Expired: /) });
  });

  it("an outcome that needs attention tells the requester, unless they watched it happen", async () => {
    const id = (await submit(helpdesk)).requestId;
    await approveRequest({ approver: approverA, actor: actorOf(approverA), ex: scriptedExchange({ set: new ExchangeError("out_of_scope", "Outside your scope.") }).ex, requestId: id });
    const attention = (await inApp(id)).find((e) => e.event === "request.needs-attention");
    expect(attention).toMatchObject({ recipientOid: helpdesk.oid, subject: expect.stringMatching(/^Needs your attention: /) });
    expect(attention!.text).toContain("Outside your scope.");

    await setApprovalRequired(false, ["auto-reply.set"]);
    try {
      const direct = await submit(helpdesk, scriptedExchange({ set: new ExchangeError("out_of_scope", "Outside your scope.") }).ex);
      expect(direct.outcome?.status).toBe("FAILED");
      expect(await inApp(direct.requestId)).toEqual([]);
      expect(await outbox(direct.requestId)).toEqual([]);
    } finally {
      await setApprovalRequired(true, ["auto-reply.set"]);
    }
  });

  it("follows the admin's per-event switches for e-mail and webhook; the in-app list always gets it", async () => {
    await getDb().notificationSwitch.create({ data: { event: "approval.waiting", email: false, webhook: true, updatedByUpn: "admin" } });
    const { requestId } = await submit(helpdesk);
    expect(await outbox(requestId)).toEqual([["approval.waiting", "WEBHOOK", webhookRef(WEBHOOK)]]);
    expect(await inApp(requestId)).toHaveLength(2);
  });

  it("with nothing configured, only the in-app list is written", async () => {
    vi.unstubAllEnvs();
    const { requestId } = await submit(helpdesk);
    expect(await inApp(requestId)).toHaveLength(2);
    expect(await outbox(requestId)).toEqual([]);
  });
});
