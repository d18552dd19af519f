import { NextResponse, type NextRequest } from "next/server";
import { getSetting } from "@/lib/env/settings";
import { isRequestOriginAllowed } from "@/lib/security/action-origin";
import { buildContentSecurityPolicy, createNonce, strictTransportSecurity } from "@/lib/security/csp";

// Tells server code which page a request is for (an audited refusal names it) and gives each
// request an id its log lines carry. Set here, so a client cannot supply its own path; an
// incoming request id (from the reverse proxy) is kept when it looks like one.
// It also sets the per-request CSP nonce: Next.js reads it from the request's
// Content-Security-Policy header and puts it on the scripts it renders. Every page is dynamic
// (app/layout.tsx), so every page gets its own nonce.
const REQUEST_ID = /^[\w-]{8,64}$/;

export function proxy(request: NextRequest) {
  const incoming = request.headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  // Every POST, PUT, PATCH or DELETE needs the portal's own Origin, whatever its encoding: a
  // server action with or without its Next-Action header, next-auth's sign-in and sign-out.
  // Browsers always send it on these; authorisation still happens inside every action.
  const originRequest = {
    method: request.method,
    origin: request.headers.get("origin"),
    host: request.headers.get("host"),
    forwardedHost: request.headers.get("x-forwarded-host"),
  };
  if (!isRequestOriginAllowed(originRequest)) {
    const refused = new NextResponse("This request did not come from ExoDesk's own pages.", { status: 403, headers: { "content-type": "text/plain" } });
    refused.headers.set("x-request-id", requestId);
    return withSecurityHeaders(refused, createNonce());
  }

  const nonce = createNonce();
  const headers = new Headers(request.headers);
  headers.set("x-exodesk-path", request.nextUrl.pathname);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", contentSecurityPolicy(nonce));
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return withSecurityHeaders(response, nonce);
}

function contentSecurityPolicy(nonce: string): string {
  return buildContentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV !== "production",
    formActionOrigins: [getSetting("ENTRA_AUTHORITY_HOST")],
  });
}

// The headers that do not depend on the request are in next.config.mjs (they also cover static files).
function withSecurityHeaders(response: NextResponse, nonce: string): NextResponse {
  response.headers.set("content-security-policy", contentSecurityPolicy(nonce));
  const hsts = strictTransportSecurity(getSetting("NEXTAUTH_URL"));
  if (hsts) response.headers.set("strict-transport-security", hsts);
  return response;
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
