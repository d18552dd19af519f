"use server";

import { z } from "zod";
import { authorised, type TActionResult } from "@/lib/action/authorised";
import { checkAuditChain } from "@/lib/audit/check-chain";

// A button's action (useActionState passes it the previous answer): it reads nothing it is sent.
export const checkAuditChainAction = authorised("audit.read", { rateLimit: "chain", schema: z.unknown() }, async (ctx): Promise<TActionResult> => {
  const report = await checkAuditChain(await ctx.actor());
  ctx.revalidate("/audit");
  return report.ok
    ? { ok: true, tone: "success", message: `The chain is intact: ${report.events} events verified.` }
    : { ok: true, tone: "error", message: `The chain is BROKEN at event #${report.broken.seq}: ${report.broken.reason}.` };
});
