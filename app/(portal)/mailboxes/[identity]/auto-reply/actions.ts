"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { setAutoReply, type TAutoReplyState } from "@/lib/cmdlets/set-auto-reply";
import { ZAutoReplyForm } from "@/lib/forms/auto-reply-fields";
import { ZFormText } from "@/lib/forms/form-fields";
import { submitRequest } from "@/lib/requests/submit-request";
import { describeSubmitted } from "@/app/(portal)/describe-submitted";
import { findUnfilled } from "@/lib/templates/placeholders";
import { AppError } from "@/lib/errors/app-error";
import { toShownAutoReply } from "./shown-auto-reply";

const ZSetAutoReplyForm = z.object({ identity: ZFormText, reason: ZFormText }).and(ZAutoReplyForm);

// No page is revalidated: that would render this page again, reading Exchange again for what
// the read-back already holds. Other pages (the requests list) are read afresh when opened.
export const setAutoReplyAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZSetAutoReplyForm }, async (ctx, input) => {
  // A template's placeholder is never sent to Exchange as it is.
  const unfilled = findUnfilled(input.autoReply);
  if (unfilled) throw new AppError("INVALID_INPUT", Object.values(unfilled)[0]![0], unfilled);
  const result = await submitRequest({
    user: ctx.user,
    actor: await ctx.actor(),
    ex: await createExchangeForUser(ctx.user),
    actionId: setAutoReply.id,
    rawParams: { identity: input.identity, ...input.autoReply },
    reason: input.reason,
    scheduleZone: input.scheduleZone,
  });
  const after = result.outcome?.after as TAutoReplyState | null | undefined;
  return describeSubmitted(result, after ? toShownAutoReply(after) : undefined);
});
