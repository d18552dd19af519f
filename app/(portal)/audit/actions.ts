"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type TActionResult } from "@/lib/action";
import { checkAuditChain } from "@/lib/audit/check-chain";
import { getActorSnapshot } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";

export async function checkAuditChainAction(): Promise<TActionResult> {
  let result: TActionResult;
  try {
    const user = await requireUser("audit.read");
    const report = await checkAuditChain(await getActorSnapshot(user));
    result = report.ok
      ? { ok: true, tone: "success", message: `The chain is intact: ${report.events} events verified.` }
      : { ok: true, tone: "error", message: `The chain is BROKEN at event #${report.broken.seq}: ${report.broken.reason}.` };
  } catch (e) {
    return toActionError(e);
  }
  revalidatePath("/audit");
  return result;
}
