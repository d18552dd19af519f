// Server actions are POSTs carrying a `Next-Action` header. Next.js refuses one whose Origin
// names another host; it lets one with no Origin through (with a warning). Browsers always send
// Origin on such POSTs, so a missing one means a hand-made request: refuse it as well.
export type TActionRequest = {
  method: string;
  nextAction: string | null;
  origin: string | null;
  host: string | null;
  forwardedHost: string | null;
};

export function isServerActionRequest(r: Pick<TActionRequest, "method" | "nextAction">): boolean {
  return r.method.toUpperCase() === "POST" && r.nextAction !== null;
}

// The same comparison Next.js makes (Origin's host against x-forwarded-host, else Host), with
// no extra allowed origins: next.config.mjs lists none.
export function isActionOriginAllowed(r: TActionRequest): boolean {
  if (!isServerActionRequest(r)) return true;
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
