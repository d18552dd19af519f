"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { ZFormText } from "@/lib/forms/form-fields";
import { approveRequest } from "@/lib/requests/approve-request";
import { describeOutcome } from "@/lib/requests/describe-outcome";
import { rejectRequest } from "@/lib/requests/reject-request";
import { formatUtcMinute } from "@/lib/time/format";

const ZApproveForm = z.object({ requestId: ZFormText, comment: ZFormText });
const ZRejectForm = z.object({ requestId: ZFormText, reason: ZFormText });

// The decision's outcome shows in place, on the request's card, with a link to its page: the
// queue is not rendered again (it reads every pending mailbox from Exchange), and the next
// request is where the approver already is. Refusals (already decided, own request, Exchange)
// show the same way.
export const approveAction = authorisedForm("request.approve", { rateLimit: "mutation", schema: ZApproveForm }, async (ctx, { requestId, comment }) => {
  const [ex, actor] = await Promise.all([createExchangeForUser(ctx.user), ctx.actor()]);
  const outcome = await approveRequest({ approver: ctx.user, actor, ex, requestId, comment });
  if ("scheduled" in outcome) {
    return { ok: true, tone: "success", message: `Approved. The grant waits for its start, ${formatUtcMinute(outcome.scheduled)} UTC, and then runs with your token.`, href: `/requests/${requestId}` };
  }
  return { ok: true, ...describeOutcome(outcome), warnings: outcome.warnings, href: `/requests/${requestId}` };
});

export const rejectAction = authorisedForm("request.approve", { rateLimit: "mutation", schema: ZRejectForm }, async (ctx, { requestId, reason }) => {
  await rejectRequest({ approver: ctx.user, actor: await ctx.actor(), requestId, reason });
  return { ok: true, tone: "success", message: "Rejected. It will not run; the requester sees your reason on its page.", href: `/requests/${requestId}` };
});
