"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { toActionError, type TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { revertChange } from "@/lib/requests/submit-change";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

export async function cancelAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  const requestId = text(form, "requestId");
  try {
    const user = await requireUser("request.readOwn");
    await cancelRequest({ user, actor: await getActorSnapshot(user), requestId });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/requests/${requestId}`);
  return { ok: true, tone: "success", message: "Cancelled. It will not run." };
}

// Revert creates a new request; its page shows what happened to it.
export async function revertAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  const requestId = text(form, "requestId");
  let href: string | undefined;
  try {
    const user = await requireUser("request.submit");
    const result = await revertChange(user, requestId, text(form, "reason"));
    href = result.ok ? result.href : undefined;
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/requests/${requestId}`);
  redirect(href ?? `/requests/${requestId}`);
}
