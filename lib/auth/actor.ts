import "server-only";
import { headers } from "next/headers";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "./session-user";

// Who did it, as the audit log records it: identity from the verified token, plus where from.
export async function getActorSnapshot(user: TSessionUser): Promise<TActorSnapshot> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    oid: user.oid,
    upn: user.upn,
    name: user.name,
    roles: [...user.roles],
    ip: forwarded || h.get("x-real-ip") || null,
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}
