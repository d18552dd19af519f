"use server";

import { authorisedForm } from "@/lib/action";
import { endSessionsOf } from "@/lib/auth/end-sessions";

// The list is not revalidated: the row stays with its answer next to it until the page reloads.
export const endSessionsAction = authorisedForm("session.manage", { rateLimit: "mutation" }, async (ctx, form) => {
  const { sessions, upn } = await endSessionsOf(ctx.user, await ctx.actor(), { oid: form.get("oid"), tid: form.get("tid") });
  if (sessions === 0) return { ok: true, tone: "warning", message: "This person has no live session any more: nothing to end." };
  return { ok: true, tone: "success", message: `Ended ${sessions} session${sessions === 1 ? "" : "s"} of ${upn}. They must sign in again.` };
});
