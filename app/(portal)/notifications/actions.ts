"use server";

import { z } from "zod";
import { authorisedForm } from "@/lib/action/authorised";
import { markAllNotificationsRead } from "@/lib/notifications/list-notifications";

// Whose entries: the session's person, never anything the form says.
export const markAllReadAction = authorisedForm("notification.readOwn", { rateLimit: "mutation", schema: z.object({}) }, async (ctx) => {
  const count = await markAllNotificationsRead(ctx.user);
  ctx.revalidate("/notifications");
  return { ok: true, tone: "success", message: count === 0 ? "Nothing was unread." : `Marked ${count} as read.` };
});
