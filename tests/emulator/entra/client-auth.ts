import { timingSafeEqual } from "node:crypto";
import { findApp, type AppRegistration, type EmulatorContext } from "../context";
import { headerValue, type Req } from "../http";
import { entraErrors, type EntraError } from "./errors";

export type ClientAuthResult = { ok: true; app: AppRegistration } | { ok: false; error: EntraError };

function decodeBasic(header: string): { id: string; secret: string } | undefined {
  const m = header.match(/^Basic\s+(\S+)$/i);
  if (!m) return undefined;
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  // RFC 6749 2.3.1: both parts are form-urlencoded before being joined.
  const unescape = (s: string) => decodeURIComponent(s.replaceAll("+", " "));
  try {
    return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// client_secret_basic (Authorization header) or client_secret_post (form fields).
export function authenticateClient(ctx: EmulatorContext, req: Req, form: Map<string, string>): ClientAuthResult {
  const basic = decodeBasic(headerValue(req, "authorization") ?? "");
  const clientId = basic?.id ?? form.get("client_id");
  if (!clientId) return { ok: false, error: entraErrors.missingParameter("client_id") };
  const app = findApp(ctx, clientId);
  if (!app) return { ok: false, error: entraErrors.unknownClient(clientId, ctx.state.tenant.displayName) };
  const secret = basic?.secret ?? form.get("client_secret");
  if (!secret) return { ok: false, error: entraErrors.missingSecret() };
  if (!sameSecret(secret, app.clientSecret)) return { ok: false, error: entraErrors.wrongSecret(app.clientId) };
  return { ok: true, app };
}
