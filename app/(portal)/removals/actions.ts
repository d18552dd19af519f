"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { AppError } from "@/lib/errors/app-error";
import { ZFormText } from "@/lib/forms/form-fields";
import { describeOutcome } from "@/lib/requests/describe-outcome";
import { runNow } from "@/lib/requests/run-now";

const ZRemoveNowForm = z.object({ requestId: ZFormText });

// "Remove now" / "Grant now" runs a due scheduled change with the clicker's own token. Its outcome shows in place, as
// on the approvals queue (the queue is not rendered again, which would take the item and its
// outcome away); Exchange's refusal keeps it due.
export const removeNowAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZRemoveNowForm }, async (ctx, { requestId }) => {
  if (!z.uuid().safeParse(requestId).success) throw new AppError("NOT_FOUND", "That change does not exist.");
  const [ex, actor] = await Promise.all([createExchangeForUser(ctx.user), ctx.actor()]);
  const outcome = await runNow({ user: ctx.user, actor, ex, requestId });
  return { ok: true, ...describeOutcome(outcome), warnings: outcome.warnings, href: `/requests/${requestId}` };
});
