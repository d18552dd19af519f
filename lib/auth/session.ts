import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { cache } from "react";
import { recordEvent } from "@/lib/audit/record-event";
import { AppError } from "@/lib/errors/app-error";
import { getActorSnapshot } from "./actor";
import { getAuthOptions } from "./options";
import { hasPermission, type TPermission } from "./roles";
import type { TSessionUser } from "./session-user";

// The one gate: the cookie, and (in the jwt callback) its server-side session, which must
// still be live. Remembered for the rest of a page render, where layout and page both ask.
export const getUser = cache(async (): Promise<TSessionUser | null> => {
  const session = (await getServerSession(getAuthOptions())) as { exodesk?: TSessionUser } | null;
  const user = session?.exodesk;
  return user?.oid && user.tid ? user : null;
});

// Every server action and protected page calls this: the session, then the app role.
export async function requireUser(permission?: TPermission): Promise<TSessionUser> {
  const user = await getUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (permission && !hasPermission(user.roles, permission)) {
    await recordAccessDenied(user, permission);
    throw new AppError("FORBIDDEN");
  }
  return user;
}

// A refusal is history too: auditors see who tried to reach what.
async function recordAccessDenied(user: TSessionUser, permission: TPermission): Promise<void> {
  const h = await headers();
  const path = h.get("x-exodesk-path");
  await recordEvent({ type: "access.denied", data: { permission, path: path?.slice(0, 512) ?? null } }, await getActorSnapshot(user));
}
