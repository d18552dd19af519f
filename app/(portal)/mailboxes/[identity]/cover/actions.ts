"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { ZAutoReplyForm } from "@/lib/forms/auto-reply-fields";
import { ZCheckbox, ZFormText } from "@/lib/forms/form-fields";
import { submitAbsenceCover } from "@/lib/requests/submit-absence-cover";

const ZCoverForm = z
  .object({ identity: ZFormText, trustee: ZFormText, autoMapping: ZCheckbox, accessRights: ZFormText, delegate: ZCheckbox, reason: ZFormText })
  .and(ZAutoReplyForm);

// One submission, then the cover's page, which shows each part's state. A part that could not
// even be submitted (Exchange or the sign-in failed meanwhile) is said here, with the link.
export const submitCoverAction = authorisedForm("request.submit", { rateLimit: "mutation", schema: ZCoverForm }, async (ctx, input) => {
  const { autoReply } = input;
  const { coverId, notSubmitted } = await submitAbsenceCover({
    user: ctx.user,
    actor: await ctx.actor(),
    ex: await createExchangeForUser(ctx.user),
    cover: {
      identity: input.identity,
      trustee: input.trustee,
      startTime: autoReply.startTime,
      endTime: autoReply.endTime,
      scheduleZone: input.scheduleZone,
      internalMessage: autoReply.internalMessage,
      externalMessage: autoReply.externalMessage,
      externalAudience: autoReply.externalAudience,
      autoMapping: input.autoMapping,
      accessRights: input.accessRights || null,
      delegate: input.delegate,
    },
    reason: input.reason,
  });
  if (notSubmitted.length === 0) return { redirectTo: `/covers/${coverId}` };
  const which = notSubmitted.map((n) => `${getActionLabel(n.action)}: ${n.message}`).join(" ");
  return { ok: true as const, tone: "warning" as const, message: `The cover was recorded, but a part of it was not submitted. ${which} Submit that part from the mailbox's pages.`, href: `/covers/${coverId}` };
});
