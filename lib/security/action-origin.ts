// Every request that can change something (POST, PUT, PATCH, DELETE) must carry the portal's
// own Origin. Next.js checks the Origin of a server action only when it carries a `Next-Action`
// header and lets a missing Origin through; but the no-JavaScript form encoding of an action
// (`$ACTION_ID_…`/`$ACTION_REF_…` fields, no header) is executed too, and route handlers
// (next-auth's sign-in and sign-out) take POSTs as well. Browsers send Origin on every such
// request, so a missing or foreign one means a hand-made or cross-site request: refuse it,
// whatever its encoding.
export type TOriginRequest = {
  method: string;
  origin: string | null;
  host: string | null;
  // Next.js fills it from Host unless a trusted proxy set it (scripts/serve.ts drops it otherwise).
  forwardedHost: string | null;
};

const SAFE_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "OPTIONS"]);

// Anything but a read is held to the Origin check (TRACE, CONNECT and made-up methods too).
export function needsOriginCheck(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

// The same comparison Next.js makes for server actions (Origin's host against
// x-forwarded-host, else Host), with no extra allowed origins: next.config.mjs lists none.
export function isRequestOriginAllowed(r: TOriginRequest): boolean {
  if (!needsOriginCheck(r.method)) return true;
  if (!r.origin || r.origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(r.origin).host;
  } catch {
    return false;
  }
  const ownHost = r.forwardedHost?.split(",")[0]?.trim() || r.host;
  return Boolean(ownHost) && originHost.toLowerCase() === ownHost!.toLowerCase();
}
