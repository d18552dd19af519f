import { createHmac, timingSafeEqual } from "node:crypto";
import { readBody, sendJson, type Req, type Res } from "../http";

// A webhook receiver as an automation platform runs one (POST /_webhook/<anything> on the
// emulator's HTTPS server): it checks ExoDesk's signature (README, "Notifications":
// `X-ExoDesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under the shared
// secret, within 5 minutes of now), answers 401 to a bad one as a real receiver would, and keeps
// every request for tests (GET /_emulator/webhooks).

export type TSignatureCheck = "valid" | "invalid" | "missing" | "stale" | "no-secret";

export type TReceivedWebhook = {
  receivedAt: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  json: unknown;
  signature: TSignatureCheck;
};

const TOLERANCE_SECONDS = 300;

export function checkSignature(secret: string | undefined, header: string | undefined, body: string, nowSeconds: number): TSignatureCheck {
  if (!secret) return "no-secret";
  if (!header) return "missing";
  const parts = new Map(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const t = Number(parts.get("t"));
  const v1 = parts.get("v1") ?? "";
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return "invalid";
  const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest();
  if (!timingSafeEqual(expected, Buffer.from(v1, "hex"))) return "invalid";
  return Math.abs(nowSeconds - t) > TOLERANCE_SECONDS ? "stale" : "valid";
}

export class WebhookReceiver {
  private received: TReceivedWebhook[] = [];

  constructor(private readonly secret: string | undefined) {}

  async handle(req: Req, res: Res, path: string): Promise<void> {
    if (req.method !== "POST") return sendJson(res, 405, { error: "Webhooks are POSTed." });
    const body = (await readBody(req)).toString("utf8");
    let json: unknown = null;
    try {
      json = JSON.parse(body);
    } catch {
      // kept as text; the answer says it was not JSON
    }
    const headers = Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
    const signature = checkSignature(this.secret, headers["x-exodesk-signature"], body, Math.floor(Date.now() / 1000));
    this.received.push({ receivedAt: new Date().toISOString(), path, headers, body, json, signature });
    if (signature !== "valid" && signature !== "no-secret") return sendJson(res, 401, { error: `The signature is ${signature}.` });
    if (json === null) return sendJson(res, 400, { error: "The body is not JSON." });
    sendJson(res, 200, { ok: true });
  }

  list(): TReceivedWebhook[] {
    return [...this.received];
  }

  clear(): void {
    this.received = [];
  }
}
