import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

export type Req = IncomingMessage;
export type Res = ServerResponse;

const MAX_BODY_BYTES = 1_000_000;

export class BodyTooLargeError extends Error {}

export async function readBody(req: Req): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError("request body too large");
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function send(res: Res, status: number, body: string | Buffer, headers: OutgoingHttpHeaders = {}): void {
  const buf = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { ...headers, "Content-Length": String(buf.length) });
  res.end(buf);
}

export function sendJson(res: Res, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, JSON.stringify(body), { "Content-Type": "application/json; charset=utf-8", ...headers });
}

export function sendHtml(res: Res, status: number, html: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, html, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers });
}

export function redirect(res: Res, location: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, 302, "", { Location: location, "Cache-Control": "no-store", ...headers });
}

// Form bodies and query strings: the first value of each name wins, as ASP.NET (Entra) reads them.
export function toParams(search: URLSearchParams): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of search) if (!out.has(k)) out.set(k, v);
  return out;
}

export function isFormContentType(req: Req): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

export function isLoopback(req: Req): boolean {
  const addr = req.socket.remoteAddress ?? "";
  return addr === "127.0.0.1" || addr === "::1" || addr === "::ffff:127.0.0.1";
}

export function readCookie(req: Req, name: string): string | undefined {
  const header = req.headers.cookie ?? "";
  for (const part of header.split(";")) {
    const [k, ...rest] = part.trim().split("=");
    if (k === name) return rest.join("=");
  }
  return undefined;
}

export function escapeHtml(s: string): string {
  return s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function headerValue(req: Req, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
