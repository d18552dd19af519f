"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { toActionError, type TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { approveRequest } from "@/lib/requests/approve-request";
import { rejectRequest } from "@/lib/requests/reject-request";
import { createExchangeForUser } from "@/lib/requests/exchange-for-user";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

// Once decided, the request leaves the queue: the decider is taken to its page, which shows
// the outcome. Refusals (already decided, own request, Exchange) stay on the queue.
export async function approveAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  const requestId = text(form, "requestId");
  try {
    const user = await requireUser("request.approve");
    const ex = await createExchangeForUser(user);
    await approveRequest({ approver: user, actor: await getActorSnapshot(user), ex, requestId, comment: text(form, "comment") });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/approvals");
  redirect(`/requests/${requestId}`);
}

export async function rejectAction(_prev: TActionResult | null, form: FormData): Promise<TActionResult> {
  const requestId = text(form, "requestId");
  try {
    const user = await requireUser("request.approve");
    await rejectRequest({ approver: user, actor: await getActorSnapshot(user), requestId, reason: text(form, "reason") });
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/approvals");
  redirect(`/requests/${requestId}`);
}
