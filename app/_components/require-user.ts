import "server-only";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import type { TPermission } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors/app-error";

// For pages: the same check as server actions, answered with a redirect instead of an error.
export async function requireUserOrRedirect(permission?: TPermission) {
  try {
    return await requireUser(permission);
  } catch (e) {
    if (e instanceof AppError && e.code === "UNAUTHENTICATED") redirect("/signin");
    if (e instanceof AppError && e.code === "FORBIDDEN") redirect("/no-access");
    throw e;
  }
}
