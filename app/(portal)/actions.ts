"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { endMySessionsEverywhere } from "@/lib/auth/end-sessions";

// "Sign out everywhere" in the portal's header: a form without fields. The browser then signs
// this cookie out too.
export const signOutEverywhereAction = authorisedForm("session.endOwn", { rateLimit: "mutation", schema: z.object({}) }, async (ctx) => {
  const { sessions } = await endMySessionsEverywhere(ctx.user, await ctx.actor());
  return { ok: true, tone: "success", message: `Signed out of ${sessions} session${sessions === 1 ? "" : "s"}.` };
});
