"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { endSessionsOf } from "@/lib/auth/end-sessions";
import { ZFormText } from "@/lib/forms/form-fields";

const ZPersonForm = z.object({ oid: ZFormText, tid: ZFormText });

// The list is not revalidated: the row stays with its answer next to it until the page reloads.
export const endSessionsAction = authorisedForm("session.manage", { rateLimit: "mutation", schema: ZPersonForm }, async (ctx, person) => {
  const { sessions, upn } = await endSessionsOf(ctx.user, await ctx.actor(), person);
  if (sessions === 0) return { ok: true, tone: "warning", message: "This person has no live session any more: nothing to end." };
  return { ok: true, tone: "success", message: `Ended ${sessions} session${sessions === 1 ? "" : "s"} of ${upn}. They must sign in again.` };
});
