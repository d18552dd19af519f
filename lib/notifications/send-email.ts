import "server-only";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { describeError, type TAttemptOutcome, type TChannelSender, type TOutgoing } from "./delivery-outcome";

export type TSmtpSettings = {
  host: string;
  port: number;
  tls: "tls" | "starttls" | "none";
  user?: string;
  password?: string;
  from: string;
};

// The mail a delivery sends: the notice's words and its link as plain text, and the same as
// simple HTML (every value escaped). The delivery's id is the Message-ID, the same on every
// retry, so a mail system that received it before can drop the copy.
export function composeEmail(delivery: TOutgoing, from: string) {
  const { subject, text, link, event } = delivery.payload;
  const domain = from.split("@").pop();
  const paragraphs = text.split("\n").map((line) => `<p>${escapeHtml(line)}</p>`).join("\n");
  return {
    from: { name: "ExoDesk", address: from },
    to: delivery.recipient,
    subject,
    messageId: `<${delivery.id}@${domain}>`,
    // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
    headers: { "Auto-Submitted": "auto-generated", "X-ExoDesk-Event": event },
    text: `${text}\n\nOpen the request in ExoDesk: ${link}\n\nYou receive this because of your part in this request in ExoDesk.\n`,
    html: [
      '<!doctype html><html lang="en"><body style="font-family: sans-serif; color: #1e293b">',
      paragraphs,
      `<p><a href="${escapeHtml(link)}">Open the request in ExoDesk</a></p>`,
      '<p style="color: #475569">You receive this because of your part in this request in ExoDesk.</p>',
      "</body></html>",
    ].join("\n"),
  };
}

function escapeHtml(s: string): string {
  return s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

type TSmtpError = Error & { responseCode?: number; command?: string; code?: string };

// A 5xx answer to the recipient or to the message itself is the receiving side's final word on
// this mail ("550 no such user"), as is an address nodemailer will not send to at all. Anything
// else (refused or dropped connections, 4xx such as 421 "try again later", a failed login, a
// timeout) may pass, so it is tried again.
export function classifySmtpError(e: unknown): TAttemptOutcome {
  const error = e as TSmtpError;
  const message = describeError(error instanceof Error ? error.message : String(e));
  const code = error.responseCode ?? 0;
  const refused = code >= 500 && code < 600 && (error.command === "RCPT TO" || error.command === "DATA");
  const permanent = refused || (error.code === "EENVELOPE" && error.command === "API");
  return { kind: permanent ? "permanent" : "transient", error: message };
}

export function createEmailSender(smtp: TSmtpSettings): TChannelSender & { close(): void } {
  const options: SMTPTransport.Options = {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === "tls",
    requireTLS: smtp.tls === "starttls",
    ignoreTLS: smtp.tls === "none",
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    // A server that does not answer is a passing failure, found out within seconds.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  const transport = nodemailer.createTransport(options);
  const send = async (delivery: TOutgoing): Promise<TAttemptOutcome> => {
    try {
      await transport.sendMail(composeEmail(delivery, smtp.from));
      return { kind: "sent" };
    } catch (e) {
      return classifySmtpError(e);
    }
  };
  return Object.assign(send, { close: () => transport.close() });
}
