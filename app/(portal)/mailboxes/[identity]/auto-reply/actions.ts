"use server";

import { z } from "zod";
import { authorisedForm, type TActionResult } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { setAutoReply } from "@/lib/cmdlets/set-auto-reply";
import { ZAutoReplyForm } from "@/lib/forms/auto-reply-fields";
import { ZFormText } from "@/lib/forms/form-fields";
import { describeOutcome } from "@/lib/requests/describe-outcome";
import { submitRequest, type TSubmitResult } from "@/lib/requests/submit-request";
import { formatUtcMinute } from "@/lib/time/format";

const ZSetAutoReplyForm = z.object({ identity: ZFormText, reason: ZFormText }).and(ZAutoReplyForm);

// What happened, in the person's words, with a link to the request.
function describeSubmitted(result: TSubmitResult): TActionResult {
  const href = `/requests/${result.requestId}`;
  if (result.pending) {
    const until = formatUtcMinute(result.pending.expiresAt);
    return { ok: true, tone: "success", message: `Sent for approval. ${result.pending.because} An approver has until ${until} UTC to decide.`, href };
  }
  return { ok: true, ...describeOutcome(result.outcome), warnings: result.outcome.warnings, href };
}

export const setAutoReplyAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZSetAutoReplyForm }, async (ctx, input) => {
  const result = await submitRequest({
    user: ctx.user,
    actor: await ctx.actor(),
    ex: await createExchangeForUser(ctx.user),
    actionId: setAutoReply.id,
    rawParams: { identity: input.identity, ...input.autoReply },
    reason: input.reason,
  });
  ctx.revalidate("/requests");
  return describeSubmitted(result);
});
