// Retry-After is sent as decimal seconds ("2.5"); an HTTP date is accepted too, measured from
// the response's own Date header when there is one.
export function readRetryAfterSeconds(value: string | undefined, dateHeader?: string): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) {
    const seconds = Number(text);
    return Number.isFinite(seconds) ? seconds : undefined; // 400 digits parse to Infinity
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const sentAt = dateHeader === undefined ? Number.NaN : Date.parse(dateHeader);
  const now = Number.isNaN(sentAt) ? Date.now() : sentAt;
  return Math.max(0, (at - now) / 1000);
}

// WWW-Authenticate: `Bearer …, error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsi…"`.
// Returns the decoded claims JSON (what MSAL's `claims` option takes), or the raw value when it
// is not base64.
export function readClaimsChallenge(wwwAuthenticate: string | undefined): string | undefined {
  const raw = /claims\s*=\s*"([^"]*)"/i.exec(wwwAuthenticate ?? "")?.[1]?.trim();
  if (!raw) return undefined;
  if (raw.startsWith("{")) return raw;
  try {
    const decoded = Buffer.from(raw, "base64").toString("utf8");
    return decoded.trim().startsWith("{") ? decoded : raw;
  } catch {
    return raw;
  }
}
