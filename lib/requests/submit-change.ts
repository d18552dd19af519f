import "server-only";
import type { TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import type { TSessionUser } from "@/lib/auth/session-user";
import { describeOutcome } from "./describe-outcome";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { revertRequest } from "./revert-request";
import { submitRequest, type TSubmitResult } from "./submit-request";

// What happened, in the person's words, with a link to the request.
function toActionResult(result: TSubmitResult): TActionResult {
  const href = `/requests/${result.requestId}`;
  if (result.pending) {
    const until = result.pending.expiresAt.toISOString().replace("T", " ").slice(0, 16);
    return { ok: true, tone: "success", message: `Sent for approval. ${result.pending.because} An approver has until ${until} UTC to decide.`, href };
  }
  return { ok: true, ...describeOutcome(result.outcome), warnings: result.outcome.warnings, href };
}

// What a form's server action does once it has the signed-in user and the raw values:
// submit as that person.
export async function submitChange(user: TSessionUser, actionId: string, rawParams: unknown, reason?: string): Promise<TActionResult> {
  const ex = await createExchangeForUser(user);
  return toActionResult(await submitRequest({ user, actor: await getActorSnapshot(user), ex, actionId, rawParams, reason }));
}

export async function revertChange(user: TSessionUser, requestId: string, reason?: string): Promise<TActionResult> {
  const ex = await createExchangeForUser(user);
  return toActionResult(await revertRequest({ user, actor: await getActorSnapshot(user), ex, requestId, reason }));
}
