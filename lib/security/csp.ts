// The Content-Security-Policy every response carries. Scripts run only with the per-request
// nonce (Next.js reads it from the request's CSP header and puts it on its own scripts) or
// when loaded by such a script ('strict-dynamic'); no inline handler, javascript: URL or
// injected <script> can run. Styles: Tailwind's output is a stylesheet from 'self' and Next.js
// puts the nonce on the few <style> elements it writes; no page uses style attributes, so
// 'unsafe-inline' is not needed for styles either.
export type TCspOptions = {
  nonce: string;
  // `next dev` needs eval for React's debugging aids; a production build never does.
  dev: boolean;
  // Where sign-in forms may post or redirect to besides this origin (Entra ID's authority).
  formActionOrigins?: string[];
};

const NONCE = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

export function createNonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

// Only an origin (scheme://host[:port]) may go into a source list: a path or a quote would
// widen or break the policy.
export function toCspOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.origin : null;
  } catch {
    return null;
  }
}

export function buildContentSecurityPolicy({ nonce, dev, formActionOrigins = [] }: TCspOptions): string {
  if (!NONCE.test(nonce)) throw new Error("CSP nonce must be base64 of at least 12 random bytes");
  const formAction = ["'self'", ...formActionOrigins.map(toCspOrigin).filter((o): o is string => o !== null)];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", `'nonce-${nonce}'`],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'", ...(dev ? ["ws:"] : [])],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": [...new Set(formAction)],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

// HSTS only when the portal is served over HTTPS: on plain http it would be ignored at best.
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;
}
