import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TOutgoing } from "./delivery-outcome";
import { webhookRef } from "./channels";
import { createWebhookSender, signWebhook, webhookOrigin } from "./send-webhook";

// The outbox names a webhook by its reference; the sender finds the URL among those configured.
const delivery = (url: string): TOutgoing & { url: string } => ({
  url,
  id: "3f1c9a52-0000-4000-8000-000000000001",
  recipient: webhookRef(url),
  payload: { event: "request.decided", subject: "Rejected", text: "No.", link: "http://localhost:3000/requests/1", requestId: "1", occurredAt: "2026-12-04T08:00:00.000Z" },
});

describe("webhook signatures", () => {
  it("are HMAC-SHA256 of '<t>.<body>' under the secret (the value openssl dgst -sha256 -hmac gives)", () => {
    expect(signWebhook("a-shared-secret-of-at-least-32-chars", 1_700_000_000, '{"id":"d1"}')).toBe("t=1700000000,v1=cc49afc79b775cd9adf86ff94441e5cef1c11a359b32dad6d35e2c504c39400f");
  });

  it("never show a webhook URL's path or query, where its own credential often is", () => {
    const url = "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=SECRET";
    expect(webhookOrigin(url)).toBe("https://prod-12.westeurope.logic.azure.com");
    // Nor does the outbox keep it: a reference with the origin and a digest.
    expect(webhookRef(url)).toMatch(/^https:\/\/prod-12\.westeurope\.logic\.azure\.com\/#[0-9a-f]{16}$/);
    expect(webhookOrigin(webhookRef(url))).toBe("https://prod-12.westeurope.logic.azure.com");
  });
});

describe("a webhook's answer", () => {
  let server: Server;
  let base: string;
  const seen: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ headers: req.headers, body });
        const status = Number(new URL(req.url ?? "/", "http://x").searchParams.get("status") ?? 200);
        res.writeHead(status, status >= 300 && status < 400 ? { location: "http://elsewhere.example/" } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = (d: TOutgoing & { url: string }) => createWebhookSender({ secret: "s".repeat(32), now: () => 1_700_000_000_000, urls: [d.url] })(d);

  it("is refused for good once its URL is no longer configured, naming only its origin", async () => {
    const gone = delivery(`${base}?sig=SECRET`);
    expect(await createWebhookSender({ secret: "s".repeat(32), urls: [] })(gone)).toEqual({ kind: "permanent", error: `The webhook at ${new URL(base).origin} is no longer in EXODESK_WEBHOOK_URLS.` });
  });

  it("is sent as signed JSON with the delivery's id as Idempotency-Key", async () => {
    expect(await send(delivery(`${base}?status=204`))).toEqual({ kind: "sent" });
    const { headers, body } = seen.at(-1)!;
    expect(JSON.parse(body)).toEqual({ id: "3f1c9a52-0000-4000-8000-000000000001", ...delivery(base).payload });
    expect(headers).toMatchObject({ "content-type": "application/json", "idempotency-key": "3f1c9a52-0000-4000-8000-000000000001", "x-exodesk-event": "request.decided" });
    expect(headers["x-exodesk-signature"]).toBe(signWebhook("s".repeat(32), 1_700_000_000, body));
  });

  it.each([
    [408, "transient"],
    [429, "transient"],
    [500, "transient"],
    [503, "transient"],
    [400, "permanent"],
    [401, "permanent"],
    [404, "permanent"],
    [410, "permanent"],
    [301, "permanent"],
  ])("HTTP %i is %s", async (status, kind) => {
    expect(await send(delivery(`${base}?status=${status}&sig=SECRET`))).toEqual({ kind, error: `the webhook at ${new URL(base).origin} answered HTTP ${status}` });
  });

  it("that never comes (nothing listens) is a passing failure, named by the origin only", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const address = closed.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await send(delivery(`http://127.0.0.1:${port}/hook?sig=SECRET`));
    expect(outcome).toMatchObject({ kind: "transient", error: expect.stringMatching(new RegExp(`^the webhook at http://127\\.0\\.0\\.1:${port} could not be reached: .*ECONNREFUSED`)) });
    expect(JSON.stringify(outcome)).not.toContain("SECRET");
  });
});
