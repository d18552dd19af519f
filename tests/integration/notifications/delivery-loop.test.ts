import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { startNotificationDelivery } from "@/lib/notifications/delivery-loop";
import { queueNotification } from "@/lib/notifications/queue-notification";
import { MailSink } from "../../emulator/notifications/mail-sink";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { stubPortalEnv } from "../support/portal-env";

// The portal's delivery loop as instrumentation.ts starts it, with a poll far longer than the
// test: a notice must go out because its change kicked the loop. Real time (the loop's own timers).

useMigratedEmbeddedDb();

const sink = new MailSink({ port: 0 });
let stop: (() => void) | undefined;

beforeAll(async () => {
  await sink.start();
  stubPortalEnv("k".repeat(44));
  vi.stubEnv("EXODESK_SMTP_HOST", "127.0.0.1");
  vi.stubEnv("EXODESK_SMTP_PORT", String(sink.port));
  vi.stubEnv("EXODESK_SMTP_TLS", "none");
  vi.stubEnv("EXODESK_MAIL_FROM", "exodesk@contoso.onmicrosoft.com");
  vi.stubEnv("EXODESK_NOTIFICATION_POLL_SECONDS", "3600");
});

afterAll(async () => {
  stop?.();
  await sink.close();
});

describe("the delivery loop (real time)", () => {
  it("sends a notice moments after the change that queued it commits, without waiting for its hourly poll", async () => {
    stop = startNotificationDelivery();
    const people = [{ oid: "p1", upn: "megan.bowen@contoso.onmicrosoft.com" }];
    await getDb().$transaction((tx) => queueNotification(tx, { event: "report.finished", tid: "tid", path: "/reports/1", subject: "Your report is ready", text: "Ready.", people }));
    await vi.waitFor(() => expect(sink.messages().map((m) => m.subject)).toEqual(["Your report is ready"]), { timeout: 5_000, interval: 50 });
    await vi.waitFor(async () => expect(await getDb().notificationDelivery.findFirstOrThrow()).toMatchObject({ status: "SENT", attempts: 1 }));
  });
});
