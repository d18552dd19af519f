import { describe, expect, it } from "vitest";
import { classifySmtpError, composeEmail } from "./send-email";

const delivery = {
  id: "3f1c9a52-0000-4000-8000-000000000001",
  recipient: "megan.bowen@contoso.onmicrosoft.com",
  payload: { event: "approval.waiting" as const, subject: "Waiting for your approval", text: "Ann <ann@contoso.com> asks.\nTheir reason: \"cover\" & more.", link: "http://localhost:3000/approvals?a=1&b=2", requestId: "1", occurredAt: "2026-12-04T08:00:00.000Z" },
};

describe("a notification e-mail", () => {
  it("has the delivery's id as Message-ID, the words and link as text, and the same escaped in HTML", () => {
    const mail = composeEmail(delivery, "exodesk@contoso.onmicrosoft.com");
    expect(mail).toMatchObject({ to: "megan.bowen@contoso.onmicrosoft.com", subject: "Waiting for your approval", messageId: "<3f1c9a52-0000-4000-8000-000000000001@contoso.onmicrosoft.com>" });
    expect(mail.text).toContain('Ann <ann@contoso.com> asks.\nTheir reason: "cover" & more.\n\nOpen the request in ExoDesk: http://localhost:3000/approvals?a=1&b=2');
    expect(mail.html).toContain("<p>Ann &lt;ann@contoso.com&gt; asks.</p>\n<p>Their reason: &quot;cover&quot; &amp; more.</p>");
    expect(mail.html).toContain('<a href="http://localhost:3000/approvals?a=1&amp;b=2">Open the request in ExoDesk</a>');
  });
});

describe("an SMTP failure", () => {
  const smtpError = (message: string, fields: object) => Object.assign(new Error(message), fields);
  it.each([
    [smtpError("Recipient command failed: 550 5.1.1 not found", { responseCode: 550, command: "RCPT TO" }), "permanent"],
    [smtpError("Message failed: 554 5.6.0 content", { responseCode: 554, command: "DATA" }), "permanent"],
    [smtpError("Recipient command failed: 452 4.2.2 mailbox full", { responseCode: 452, command: "RCPT TO" }), "transient"],
    [smtpError("421 4.3.2 Service not available", { responseCode: 421, command: "CONN" }), "transient"],
    [smtpError("Invalid login: 535 5.7.8", { responseCode: 535, command: "AUTH PLAIN" }), "transient"],
    [smtpError("Mail command failed: 550 5.7.60 SMTP; Client does not have permissions to send as this sender", { responseCode: 550, command: "MAIL FROM" }), "transient"],
    [smtpError("connect ECONNREFUSED 127.0.0.1:25", { code: "ESOCKET" }), "transient"],
    [smtpError('Invalid recipient "not an address"', { code: "EENVELOPE", command: "API" }), "permanent"],
  ])("%s is %s", (error, kind) => {
    expect(classifySmtpError(error)).toEqual({ kind, error: error.message });
  });
});
