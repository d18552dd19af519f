import "server-only";
import { getDb } from "@/lib/db";
import type { TSessionUser } from "@/lib/auth/session-user";
import { writeAudit } from "./write-audit";

export async function recordSessionEvent(type: "session.signed-in" | "session.signed-out", user: TSessionUser): Promise<void> {
  const actor = { oid: user.oid, upn: user.upn, name: user.name, roles: [...user.roles], ip: null, userAgent: null };
  await getDb().$transaction((tx) => writeAudit(tx, { type, data: {} }, actor));
}
