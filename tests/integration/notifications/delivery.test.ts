import { createServer, type Server } from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createNotificationSender, type TNotificationSender } from "@/lib/notifications/deliver-notifications";
import { queueNotification } from "@/lib/notifications/queue-notification";
import { createEmailSender } from "@/lib/notifications/send-email";
import { createWebhookSender } from "@/lib/notifications/send-webhook";
import { approveRequest } from "@/lib/requests/approve-request";
import { renderMetrics } from "@/lib/requests/render-metrics";
import { submitRequest } from "@/lib/requests/submit-request";
import { MailSink } from "../../emulator/notifications/mail-sink";
import { WebhookReceiver } from "../../emulator/notifications/webhook-receiver";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { actorOf, person, setApprovalRequired } from "../support/people";
import { stubPortalEnv } from "../support/portal-env";
import { ADELE, scriptedExchange } from "../support/scripted-exchange";

// The sender against the real mail server the test stack runs (tests/emulator/notifications),
// plain SMTP on loopback here (STARTTLS is the e2e stack's), and a real webhook receiver, on a
// real database. Time is the sender's own clock, moved by the test: no waiting for backoffs.

useMigratedEmbeddedDb();

const FROM = "exodesk@contoso.onmicrosoft.com";
const SECRET = "s".repeat(40);
const helpdesk = person("helpdesk@contoso.onmicrosoft.com", ["ExoDesk.Helpdesk"]);
const approvers = [person("approver@contoso.onmicrosoft.com", ["ExoDesk.Approver"]), person("approver2@contoso.onmicrosoft.com", ["ExoDesk.Approver"])];
const enable = { identity: ADELE, autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<p>Away</p>", externalMessage: "", externalAudience: "None" };

const sink = new MailSink({ port: 0 });
const receiver = new WebhookReceiver(SECRET);
let webhookServer: Server;
let webhookUrl: string;
let offsetMs = 0;
const clock = () => Date.now() + offsetMs;

function newSender(db: PrismaClient = getDb()): TNotificationSender {
  return createNotificationSender({
    db,
    now: clock,
    channels: {
      EMAIL: createEmailSender({ host: "127.0.0.1", port: sink.port, tls: "none", from: FROM }),
      WEBHOOK: createWebhookSender({ secret: SECRET, now: clock }),
    },
  });
}

beforeAll(async () => {
  await sink.start();
  webhookServer = createServer((req, res) => void receiver.handle(req, res, req.url ?? "/"));
  await new Promise<void>((resolve) => webhookServer.listen(0, "127.0.0.1", resolve));
  const address = webhookServer.address();
  webhookUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hooks/exodesk`;
  stubPortalEnv("k".repeat(44));
  vi.stubEnv("EXODESK_SMTP_HOST", "127.0.0.1");
  vi.stubEnv("EXODESK_MAIL_FROM", FROM);
  vi.stubEnv("EXODESK_WEBHOOK_URLS", webhookUrl);
  vi.stubEnv("EXODESK_WEBHOOK_SECRET", SECRET);
  await setApprovalRequired(true, ["auto-reply.set"]);
  await getDb().person.createMany({ data: approvers.map((a) => ({ oid: a.oid, tid: a.tid, upn: a.upn, name: a.name, roles: [...a.roles], lastSignInAt: new Date() })) });
});

afterAll(async () => {
  await sink.close();
  await new Promise((resolve) => webhookServer?.close(resolve));
});

beforeEach(async () => {
  await sink.resetSwitches();
  sink.clear();
  receiver.clear();
  await getDb().notificationDelivery.deleteMany();
});

const submitPending = async () => {
  const { requestId, pending } = await submitRequest({ user: helpdesk, actor: actorOf(helpdesk), ex: scriptedExchange({ set: "ok" }).ex, actionId: "auto-reply.set", rawParams: enable, reason: "Adele is on leave" });
  expect(pending).not.toBeNull();
  return requestId;
};
const deliveries = () => getDb().notificationDelivery.findMany({ orderBy: [{ channel: "asc" }, { recipient: "asc" }] });
const messageIdOf = (deliveryId: string) => `<${deliveryId}@contoso.onmicrosoft.com>`;

describe("delivering notifications", () => {
  it("rides out a mail server that is down for a while: the change goes through, and each recipient gets the mail once when it is back", async () => {
    const sender = newSender();
    await sink.down("refuse");
    const requestId = await submitPending();
    expect((await getDb().request.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("PENDING_APPROVAL");

    expect(await sender.deliverDue()).toEqual({ sent: 1, retried: 2, failed: 0 }); // the webhook went out; both mails wait
    const waiting = (await deliveries()).filter((d) => d.channel === "EMAIL");
    expect(waiting.map((d) => [d.recipient, d.status, d.attempts])).toEqual([
      ["approver2@contoso.onmicrosoft.com", "PENDING", 1],
      ["approver@contoso.onmicrosoft.com", "PENDING", 1],
    ]);
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting[0]!.nextAttemptAt.getTime() - clock()).toBeGreaterThan(14_000);

    // Nothing is due before the backoff ends.
    expect(await sender.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });

    // The server answers again, but only "421 try again later"; meanwhile the approver approves.
    await sink.down("421");
    const outcome = await approveRequest({ approver: approvers[0]!, actor: actorOf(approvers[0]!), ex: scriptedExchange({ set: "ok" }).ex, requestId, comment: "Fine" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED" });
    offsetMs += 15_000;
    expect(await sender.deliverDue()).toEqual({ sent: 1, retried: 3, failed: 0 }); // the outcome's webhook; the mails wait, the requester's too
    expect((await deliveries()).find((d) => d.recipient === approvers[0]!.upn)).toMatchObject({ status: "PENDING", attempts: 2, lastError: expect.stringMatching(/421/) });
    expect(sink.messages()).toEqual([]);

    await sink.up();
    offsetMs += 30_000;
    expect(await sender.deliverDue()).toEqual({ sent: 3, retried: 0, failed: 0 });
    expect(await sender.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });

    const mails = sink.messages();
    expect(mails.map((m) => m.envelope.to).flat().sort()).toEqual([approvers[1]!.upn, approvers[0]!.upn, helpdesk.upn].sort());
    const sent = await deliveries();
    expect(sent.every((d) => d.status === "SENT" && d.sentAt !== null)).toBe(true);
    for (const d of sent.filter((x) => x.channel === "EMAIL")) {
      const mail = mails.filter((m) => m.envelope.to.includes(d.recipient));
      expect(mail, d.recipient).toHaveLength(1);
      expect(mail[0]!.messageId).toBe(messageIdOf(d.id));
    }
    const toApprover = mails.find((m) => m.envelope.to.includes(approvers[0]!.upn))!;
    expect(toApprover.subject).toBe("Waiting for your approval: Set automatic replies on Adele Vance");
    expect(toApprover.text).toContain(`${helpdesk.upn} (${helpdesk.upn}) asks for this change: Automatic replies for Adele Vance will be turned on`);
    expect(toApprover.text).toContain("Their reason: Adele is on leave.");
    expect(toApprover.text).toContain(`http://localhost:3000/requests/${requestId}`);
    expect(toApprover.html).toContain(`<a href="http://localhost:3000/requests/${requestId}">`);
    expect(toApprover.headers["auto-submitted"]).toBe("auto-generated");
    expect(mails.find((m) => m.envelope.to.includes(helpdesk.upn))!.subject).toBe("Approved and applied: Set automatic replies on Adele Vance");

    const hooks = receiver.list();
    expect(hooks.map((h) => [h.signature, (h.json as { event: string }).event])).toEqual([
      ["valid", "approval.waiting"],
      ["valid", "request.decided"],
    ]);
    const hookDeliveries = sent.filter((d) => d.channel === "WEBHOOK").map((d) => d.id).sort();
    expect(hooks.map((h) => h.headers["idempotency-key"]).sort()).toEqual(hookDeliveries);
  });

  it("stops at a permanent refusal (550 for that address), keeps the reason, and counts it in the metrics", async () => {
    const metric = async () => (await renderMetrics(getDb())).split("\n").filter((l) => l.startsWith("exodesk_notification_deliveries"));
    const failedBefore = Number((await metric()).find((l) => l.startsWith('exodesk_notification_deliveries_total{channel="email",outcome="failed"}'))?.split(" ")[1] ?? 0);
    sink.refuse(approvers[1]!.upn);
    await submitPending();
    expect(await newSender().deliverDue()).toEqual({ sent: 2, retried: 0, failed: 1 });
    const refused = (await deliveries()).find((d) => d.recipient === approvers[1]!.upn)!;
    expect(refused).toMatchObject({ status: "FAILED", attempts: 1, lastError: expect.stringMatching(/550 5\.1\.1/) });
    expect(sink.messages().map((m) => m.envelope.to)).toEqual([[approvers[0]!.upn]]);
    const lines = await metric();
    expect(lines).toContain(`exodesk_notification_deliveries_total{channel="email",outcome="failed"} ${failedBefore + 1}`);
    expect(lines).toContain("exodesk_notification_deliveries_failed 1");
  });

  it("gives a webhook that refuses what it is sent (401: a wrong secret) up at once", async () => {
    await getDb().$transaction((tx) => queueNotification(tx, { event: "bulk.finished", tid: "tid", path: "/bulk/1", subject: "Done", text: "A bulk change finished.", people: [] }));
    const wrongSecret = createNotificationSender({ db: getDb(), now: clock, channels: { WEBHOOK: createWebhookSender({ secret: "w".repeat(40), now: clock }) } });
    expect(await wrongSecret.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(receiver.list().map((h) => h.signature)).toEqual(["invalid"]);
    expect((await deliveries())[0]).toMatchObject({ status: "FAILED", lastError: `the webhook at ${new URL(webhookUrl).origin} answered HTTP 401` });
  });

  it("ends a delivery whose channel is no longer configured, instead of keeping it waiting", async () => {
    await getDb().$transaction((tx) => queueNotification(tx, { event: "report.finished", tid: "tid", path: "/reports/1", subject: "Report ready", text: "Ready.", people: [{ oid: helpdesk.oid, upn: helpdesk.upn }] }));
    const webhookOnly = createNotificationSender({ db: getDb(), now: clock, channels: { WEBHOOK: createWebhookSender({ secret: SECRET, now: clock }) } });
    expect(await webhookOnly.deliverDue()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect((await deliveries()).find((d) => d.channel === "EMAIL")).toMatchObject({ status: "FAILED", lastError: "E-mail is no longer configured (EXODESK_SMTP_HOST)." });
    expect(sink.messages()).toEqual([]);
  });

  it("sends again, with the same Message-ID, what an instance claimed and never finished (it crashed) once its lease has run out", async () => {
    await getDb().$transaction((tx) => queueNotification(tx, { event: "report.finished", tid: "tid", path: "/reports/1", subject: "Report ready", text: "Your report is ready.", people: [{ oid: helpdesk.oid, upn: helpdesk.upn }] }));
    const email = (await deliveries()).find((d) => d.channel === "EMAIL")!;
    const lease = new Date(clock() + 60_000);
    await getDb().notificationDelivery.updateMany({ data: { status: "SENDING", leaseUntil: lease, attempts: 1 } });
    const sender = newSender();
    expect(await sender.deliverDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    offsetMs += 61_000;
    expect(await sender.deliverDue()).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(sink.messages().map((m) => m.messageId)).toEqual([messageIdOf(email.id)]);
    expect((await deliveries()).map((d) => d.attempts)).toEqual([2, 2]);
  });

  it("with two instances sending from one database, delivers every notification exactly once", async () => {
    const people = Array.from({ length: 3 }, (_, i) => ({ oid: `p${i}`, upn: `person${i}@contoso.onmicrosoft.com` }));
    for (let n = 0; n < 20; n++) {
      await getDb().$transaction((tx) => queueNotification(tx, { event: "report.finished", tid: "tid", path: `/reports/${n}`, subject: `Report ${n} ready`, text: "Your report is ready.", people }));
    }
    const queued = await deliveries();
    expect(queued).toHaveLength(20 * 4);
    const url = process.env.DATABASE_URL!;
    const [a, b] = [new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }), new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) })];
    try {
      const [fromA, fromB] = await Promise.all([newSender(a).deliverDue(), newSender(b).deliverDue()]);
      expect(fromA.sent + fromB.sent).toBe(80);
    } finally {
      await Promise.all([a.$disconnect(), b.$disconnect()]);
    }
    const ids = sink.messages().map((m) => m.messageId);
    expect(ids).toHaveLength(60);
    expect(new Set(ids)).toEqual(new Set(queued.filter((d) => d.channel === "EMAIL").map((d) => messageIdOf(d.id))));
    const keys = receiver.list().map((h) => h.headers["idempotency-key"]);
    expect(keys).toHaveLength(20);
    expect(new Set(keys)).toEqual(new Set(queued.filter((d) => d.channel === "WEBHOOK").map((d) => d.id)));
    expect((await deliveries()).every((d) => d.status === "SENT" && d.attempts === 1)).toBe(true);
  });
});
