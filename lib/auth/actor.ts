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

// The caller's address as the reverse proxy reports it (README: the proxy must set it).
export function clientIp(h: Headers): string | null {
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
}
