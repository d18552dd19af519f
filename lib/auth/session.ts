import "server-only";
import { getServerSession } from "next-auth";
import { AppError } from "@/lib/errors";
import { getAuthOptions } from "./options";
import { hasPermission, type TPermission } from "./roles";
import type { TSessionUser } from "./session-user";

export async function getUser(): Promise<TSessionUser | null> {
  const session = (await getServerSession(getAuthOptions())) as { exodesk?: TSessionUser } | null;
  const user = session?.exodesk;
  return user?.oid && user.tid ? user : null;
}

// Every server action and protected page calls this: the session, then the app role.
export async function requireUser(permission?: TPermission): Promise<TSessionUser> {
  const user = await getUser();
  if (!user) throw new AppError("UNAUTHENTICATED");
  if (permission && !hasPermission(user.roles, permission)) throw new AppError("FORBIDDEN");
  return user;
}
