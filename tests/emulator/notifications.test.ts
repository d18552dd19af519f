import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { TReceivedMail } from "./notifications/mail-sink";
import type { TReceivedWebhook } from "./notifications/webhook-receiver";
import { Harness } from "./test-support/harness";

// The emulator's mail server and webhook receiver (notifications/), driven by a real SMTP client
// and plain HTTPS, and their switches through the control API.

const LOGIN = { user: "exodesk", password: "p".repeat(24) };
const SECRET = "w".repeat(40);
let h: Harness;

beforeAll(async () => {
  h = await Harness.start({ mail: { port: 0, login: LOGIN }, webhookSecret: SECRET });
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.control("POST", "reset");
  await h.control("DELETE", "mail");
  await h.control("DELETE", "webhooks");
});

const transport = (auth = LOGIN) =>
  nodemailer.createTransport({ host: "127.0.0.1", port: h.em.smtpPort!, requireTLS: true, auth: { user: auth.user, pass: auth.password }, tls: { ca: readFileSync(h.em.caCertPath) } });
const send = (to = "megan.bowen@contoso.onmicrosoft.com", auth = LOGIN) =>
  transport(auth).sendMail({ from: "exodesk@contoso.onmicrosoft.com", to, subject: "Waiting <for> you", text: "Hello\nhttps://portal.example/approvals", messageId: "<m1@contoso.onmicrosoft.com>" });
const mail = async () => (await h.control<{ messages: TReceivedMail[] }>("GET", "mail")).messages;

describe("the mail server", () => {
  test("receives over STARTTLS with its login, keeps the message parsed and whole, and shows it on the inbox page", async () => {
    await send();
    const [m] = await mail();
    expect(m).toMatchObject({
      secure: true,
      login: "exodesk",
      envelope: { from: "exodesk@contoso.onmicrosoft.com", to: ["megan.bowen@contoso.onmicrosoft.com"] },
      subject: "Waiting <for> you",
      text: "Hello\nhttps://portal.example/approvals\n",
      messageId: "<m1@contoso.onmicrosoft.com>",
    });
    expect(m!.raw).toContain("Message-ID: <m1@contoso.onmicrosoft.com>");
    const inbox = await h.request("/_emulator/inbox");
    expect(inbox.status).toBe(200);
    expect(inbox.text()).toContain("Waiting &lt;for&gt; you");
    expect(inbox.text()).toContain('<a href="https://portal.example/approvals">');
  });

  test("refuses a wrong login (535)", async () => {
    await expect(send(undefined, { user: "exodesk", password: "wrong" })).rejects.toMatchObject({ responseCode: 535 });
  });

  test("goes down for a while: connections refused, or every session answered 421; back when switched off or reset", async () => {
    await h.control("POST", "mail-outage", { mode: "refuse" });
    await expect(send()).rejects.toMatchObject({ code: "ESOCKET" });
    await h.control("POST", "mail-outage", { mode: "421" });
    await expect(send()).rejects.toMatchObject({ responseCode: 421 });
    await h.control("DELETE", "mail-outage");
    await send();
    await h.control("POST", "mail-outage", { mode: "refuse" });
    await h.control("POST", "reset");
    await send();
    expect(await mail()).toHaveLength(2);
  });

  test("refuses one address for good (550 to RCPT TO) until reset, and keeps what it received across the reset", async () => {
    await h.control("POST", "mail-refuse", { address: "Gone@contoso.onmicrosoft.com" });
    await expect(send("gone@contoso.onmicrosoft.com")).rejects.toMatchObject({ responseCode: 550, command: "RCPT TO" });
    await send();
    await h.control("POST", "reset");
    await send("gone@contoso.onmicrosoft.com");
    expect((await mail()).map((m) => m.envelope.to[0])).toEqual(["megan.bowen@contoso.onmicrosoft.com", "gone@contoso.onmicrosoft.com"]);
  });
});

describe("the webhook receiver", () => {
  const post = (body: string, signature?: string) =>
    h.request("/_webhook/exodesk", { method: "POST", headers: { "Content-Type": "application/json", ...(signature ? { "X-ExoDesk-Signature": signature } : {}) }, body });
  const sign = (t: number, body: string) => `t=${t},v1=${createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex")}`;
  const now = () => Math.floor(Date.now() / 1000);

  test("accepts a body signed under the secret within 5 minutes, and refuses (401) a changed body, an old signature or none", async () => {
    const body = JSON.stringify({ id: "d1", event: "approval.waiting" });
    expect((await post(body, sign(now(), body))).status).toBe(200);
    expect((await post(body.replace("d1", "d2"), sign(now(), body))).status).toBe(401);
    expect((await post(body, sign(now() - 301, body))).status).toBe(401);
    expect((await post(body)).status).toBe(401);
    const { webhooks } = await h.control<{ webhooks: TReceivedWebhook[] }>("GET", "webhooks");
    expect(webhooks.map((w) => w.signature)).toEqual(["valid", "invalid", "stale", "missing"]);
    expect(webhooks[0]).toMatchObject({ path: "/_webhook/exodesk", body, json: { id: "d1", event: "approval.waiting" } });
  });
});
