"use server";

import { authorisedForm } from "@/lib/action";
import { approveRequest } from "@/lib/requests/approve-request";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { rejectRequest } from "@/lib/requests/reject-request";

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === "string" ? v : "";
};

// Once decided, the request leaves the queue: the decider is taken to its page, which shows
// the outcome. Refusals (already decided, own request, Exchange) stay on the queue.
export const approveAction = authorisedForm("request.approve", { rateLimit: "mutation" }, async (ctx, form) => {
  const requestId = text(form, "requestId");
  const ex = await createExchangeForUser(ctx.user);
  await approveRequest({ approver: ctx.user, actor: await ctx.actor(), ex, requestId, comment: text(form, "comment") });
  ctx.revalidate("/approvals");
  return { redirectTo: `/requests/${requestId}` };
});

export const rejectAction = authorisedForm("request.approve", { rateLimit: "mutation" }, async (ctx, form) => {
  const requestId = text(form, "requestId");
  await rejectRequest({ approver: ctx.user, actor: await ctx.actor(), requestId, reason: text(form, "reason") });
  ctx.revalidate("/approvals");
  return { redirectTo: `/requests/${requestId}` };
});
