"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { ZFormText } from "@/lib/forms/form-fields";
import { approveRequest } from "@/lib/requests/approve-request";
import { rejectRequest } from "@/lib/requests/reject-request";

const ZApproveForm = z.object({ requestId: ZFormText, comment: ZFormText });
const ZRejectForm = z.object({ requestId: ZFormText, reason: ZFormText });

// Once decided, the request leaves the queue: the decider is taken to its page, which shows
// the outcome. Refusals (already decided, own request, Exchange) stay on the queue.
export const approveAction = authorisedForm("request.approve", { rateLimit: "mutation", schema: ZApproveForm }, async (ctx, { requestId, comment }) => {
  const ex = await createExchangeForUser(ctx.user);
  await approveRequest({ approver: ctx.user, actor: await ctx.actor(), ex, requestId, comment });
  ctx.revalidate("/approvals");
  return { redirectTo: `/requests/${requestId}` };
});

export const rejectAction = authorisedForm("request.approve", { rateLimit: "mutation", schema: ZRejectForm }, async (ctx, { requestId, reason }) => {
  await rejectRequest({ approver: ctx.user, actor: await ctx.actor(), requestId, reason });
  ctx.revalidate("/approvals");
  return { redirectTo: `/requests/${requestId}` };
});
