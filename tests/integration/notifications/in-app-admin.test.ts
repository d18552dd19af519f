import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { webhookRef } from "@/lib/notifications/channels";
import { listNotificationSwitches, setNotificationSwitch, setPolicyNotifyAddress } from "@/lib/notifications/change-notification-settings";
import { listDeliveryFailures, retryFailedDelivery } from "@/lib/notifications/delivery-failures";
import { submitRequest } from "@/lib/requests/submit-request";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { actorOf, person, setApprovalRequired } from "../support/people";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// The admin's side on the Policies page, on the real database: per-event switches, a policy's
// notification address and the retry of a failed delivery, each audited.
useMigratedEmbeddedDb();

const admin = person("admin@contoso.onmicrosoft.com", ["ExoDesk.Admin"]);
const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approver = person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]);
const HOOK = "https://hooks.example.net/services/T000/B000/secret-part-of-the-url";
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };
const errorOf = async (p: Promise<unknown>) => await p.then(() => null, (e: unknown) => e);
const auditOf = async (type: string) => (await getDb().auditEvent.findMany({ where: { type }, orderBy: { seq: "asc" } })).map((e) => ({ actor: e.actorUpn, data: e.data }));

beforeAll(async () => {
  // Mail and one webhook configured, so notices also go to the outbox.
  vi.stubEnv("NEXTAUTH_URL", "https://exodesk.contoso.test");
  vi.stubEnv("EXODESK_SMTP_HOST", "smtp.contoso.test");
  vi.stubEnv("EXODESK_MAIL_FROM", "exodesk@contoso.test");
  vi.stubEnv("EXODESK_WEBHOOK_URLS", HOOK);
  vi.stubEnv("EXODESK_WEBHOOK_SECRET", "s".repeat(40));
  await setApprovalRequired(true, ["auto-reply.set"]);
  await getDb().person.create({ data: { oid: approver.oid, tid: approver.tid, upn: approver.upn, name: approver.name, roles: approver.roles, lastSignInAt: new Date() } });
});

// A request that waits, and the outbox rows it wrote.
async function submitPending() {
  const { ex } = scriptedExchange({ set: "ok" });
  const { requestId } = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex, actionId: "auto-reply.set", rawParams: enable, reason: "Holiday cover" });
  const rows = await getDb().notificationDelivery.findMany({ where: { payload: { path: ["requestId"], equals: requestId } } });
  return rows.map((d) => `${d.channel} ${d.recipient}`).sort();
}

describe("per-event switches", () => {
  it("are both on without a row; turning e-mail off stops the e-mails of that event only, and is audited", async () => {
    expect((await listNotificationSwitches()).find((s) => s.event === "approval.waiting")).toMatchObject({ email: true, webhook: true });
    expect(await submitPending()).toEqual([`EMAIL ${approver.upn}`, `WEBHOOK ${webhookRef(HOOK)}`]);

    await setNotificationSwitch(admin, actorOf(admin), { event: "approval.waiting", email: false, webhook: true });
    const switches = await listNotificationSwitches();
    expect(switches.find((s) => s.event === "approval.waiting")).toMatchObject({ email: false, webhook: true });
    expect(switches.find((s) => s.event === "request.decided")).toMatchObject({ email: true, webhook: true });
    expect(await submitPending()).toEqual([`WEBHOOK ${webhookRef(HOOK)}`]);
    expect(await auditOf("notification.switch-changed")).toEqual([
      { actor: admin.upn, data: { event: "approval.waiting", before: { email: true, webhook: true }, after: { email: false, webhook: true } } },
    ]);
    await setNotificationSwitch(admin, actorOf(admin), { event: "approval.waiting", email: true, webhook: true });
  });

  it("refuse anyone but an admin, and an event ExoDesk does not have", async () => {
    expect(await errorOf(setNotificationSwitch(helpdesk, actorOf(helpdesk), { event: "approval.waiting", email: false, webhook: false }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(setNotificationSwitch(admin, actorOf(admin), { event: "mailbox.deleted", email: false, webhook: false }))).toMatchObject({ code: "INVALID_INPUT" });
    expect(await getDb().notificationSwitch.count({ where: { email: false } })).toBe(0);
  });
});

describe("a policy's notification address", () => {
  it("is told when a request of that action waits; a bad address is refused; blank clears it; each change audited", async () => {
    expect(await errorOf(setPolicyNotifyAddress(admin, actorOf(admin), { actionId: "auto-reply.set", notifyAddress: "not an address" }))).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { notifyAddress: ["Enter one e-mail address, such as helpdesk-approvals@contoso.com, or leave it blank."] },
    });
    expect(await errorOf(setPolicyNotifyAddress(approver, actorOf(approver), { actionId: "auto-reply.set", notifyAddress: "team@contoso.test" }))).toMatchObject({ code: "FORBIDDEN" });

    await setPolicyNotifyAddress(admin, actorOf(admin), { actionId: "auto-reply.set", notifyAddress: "  Approvals-Team@Contoso.test " });
    expect(await submitPending()).toEqual(["EMAIL approvals-team@contoso.test", `EMAIL ${approver.upn}`, `WEBHOOK ${webhookRef(HOOK)}`]);
    await setPolicyNotifyAddress(admin, actorOf(admin), { actionId: "auto-reply.set", notifyAddress: "" });
    expect(await submitPending()).toEqual([`EMAIL ${approver.upn}`, `WEBHOOK ${webhookRef(HOOK)}`]);
    expect(await auditOf("notification.address-changed")).toEqual([
      { actor: admin.upn, data: { actionId: "auto-reply.set", before: null, after: "approvals-team@contoso.test" } },
      { actor: admin.upn, data: { actionId: "auto-reply.set", before: "approvals-team@contoso.test", after: null } },
    ]);
  });

  it("on an action still on its default policy keeps that default", async () => {
    await setPolicyNotifyAddress(admin, actorOf(admin), { actionId: "full-access.grant", notifyAddress: "grants@contoso.test" });
    expect(await getDb().approvalPolicy.findUnique({ where: { actionId: "full-access.grant" } })).toMatchObject({ requiresApproval: true, pendingHours: 72, notifyAddress: "grants@contoso.test" });
  });
});

describe("delivery failures", () => {
  it("lists failed deliveries (a webhook by its origin only) and the count still retrying; Try again puts one back once, audited", async () => {
    const db = getDb();
    const payload = { event: "approval.waiting", subject: "s", text: "t", link: "https://exodesk.contoso.test/requests/x", requestId: null, occurredAt: new Date().toISOString() };
    const failedMail = randomUUID();
    const failedHook = randomUUID();
    await db.notificationDelivery.createMany({
      data: [
        { id: failedMail, event: "approval.waiting", channel: "EMAIL", recipient: "team@contoso.test", payload, status: "FAILED", attempts: 8, lastError: "550 5.1.1 mailbox unknown" },
        { id: failedHook, event: "request.decided", channel: "WEBHOOK", recipient: webhookRef(HOOK), payload, status: "FAILED", attempts: 8, lastError: "HTTP 410" },
        { event: "request.decided", channel: "EMAIL", recipient: "a@contoso.test", payload, status: "PENDING", attempts: 2, lastError: "connection refused" },
        { event: "request.decided", channel: "EMAIL", recipient: "b@contoso.test", payload, status: "SENT", attempts: 1 },
      ],
    });
    const before = await listDeliveryFailures();
    expect(before).toMatchObject({ failedCount: 2, retrying: 1 });
    expect(before.failed.map((d) => `${d.channel} ${d.recipient} ${d.attempts} ${d.lastError}`).sort()).toEqual([
      "EMAIL team@contoso.test 8 550 5.1.1 mailbox unknown",
      "WEBHOOK https://hooks.example.net 8 HTTP 410",
    ]);

    expect(await errorOf(retryFailedDelivery(helpdesk, actorOf(helpdesk), failedHook))).toMatchObject({ code: "FORBIDDEN" });
    const now = new Date("2026-12-04T08:00:00Z");
    await retryFailedDelivery(admin, actorOf(admin), failedHook, now);
    expect(await db.notificationDelivery.findUnique({ where: { id: failedHook } })).toMatchObject({ status: "PENDING", attempts: 0, nextAttemptAt: now, leaseUntil: null });
    // Twice (a second admin, a second click): the second finds it no longer failed.
    expect(await errorOf(retryFailedDelivery(admin, actorOf(admin), failedHook))).toMatchObject({ code: "CONFLICT", message: "That delivery is no longer failed: it was tried again already." });
    expect(await errorOf(retryFailedDelivery(admin, actorOf(admin), randomUUID()))).toMatchObject({ code: "NOT_FOUND", message: "That delivery does not exist." });
    expect(await listDeliveryFailures()).toMatchObject({ failedCount: 1, failed: [{ id: failedMail }] });
    expect(await auditOf("notification.delivery-retried")).toEqual([
      { actor: admin.upn, data: { deliveryId: failedHook, event: "request.decided", channel: "WEBHOOK", recipient: "https://hooks.example.net", attempts: 8, lastError: "HTTP 410" } },
    ]);
  });
});
