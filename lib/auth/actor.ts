import "server-only";
import { headers } from "next/headers";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "./session-user";

// Who did it, as the audit log records it: identity from the verified token, plus where from.
export async function getActorSnapshot(user: TSessionUser): Promise<TActorSnapshot> {
  const h = await headers();
  return {
    oid: user.oid,
    upn: user.upn,
    name: user.name,
    roles: [...user.roles],
    ip: clientIp(h),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}

// The caller's address. scripts/serve.ts has already replaced X-Forwarded-For with the one
// client address (the socket's, or a trusted proxy's report: EXODESK_TRUSTED_PROXIES) before
// Next.js saw the request; under `next dev` it is Next's own value.
export function clientIp(h: Headers): string | null {
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
}
