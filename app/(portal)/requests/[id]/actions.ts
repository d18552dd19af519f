"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { cancelRequest } from "@/lib/requests/cancel-request";

export async function cancelAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  const requestId = String(form.get("requestId") ?? "");
  try {
    const user = await requireUser("request.readOwn");
    await cancelRequest({ user, actor: await getActorSnapshot(user), requestId });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath(`/requests/${requestId}`);
  return { ok: true, tone: "success", message: "Cancelled. It will not run." };
}
