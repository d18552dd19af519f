import "server-only";
import type { TActionResult } from "@/lib/action";
import { getActorSnapshot } from "@/lib/auth/actor";
import type { TSessionUser } from "@/lib/auth/session-user";
import { describeOutcome } from "./describe-outcome";
import { createExchangeForUser } from "./exchange-for-user";
import { submitRequest } from "./submit-request";

// What a form's server action does once it has the signed-in user and the raw values:
// submit as that person, and say what happened in the person's words.
export async function submitChange(user: TSessionUser, actionId: string, rawParams: unknown): Promise<TActionResult> {
  const ex = await createExchangeForUser(user);
  const { requestId, outcome } = await submitRequest({ user, actor: await getActorSnapshot(user), ex, actionId, rawParams });
  return { ok: true, ...describeOutcome(outcome), warnings: outcome.warnings, href: `/requests/${requestId}` };
}
