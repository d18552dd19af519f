import "server-only";
import type { TActionResult } from "@/lib/action/authorised";
import { describeOutcome } from "@/lib/requests/describe-outcome";
import type { TSubmitResult } from "@/lib/requests/submit-request";
import { formatUtcMinute } from "@/lib/time/format";

// What a submitted change did, in the person's words, with a link to its request; `shown` is what
// the page shows next, from the change's read-back.
export function describeSubmitted<TShown>(result: TSubmitResult, shown?: TShown): TActionResult<TShown> {
  const href = `/requests/${result.requestId}`;
  if (result.pending) {
    const until = formatUtcMinute(result.pending.expiresAt);
    return { ok: true, tone: "success", message: `Sent for approval. ${result.pending.because} An approver has until ${until} UTC to decide.`, href, shown };
  }
  if (result.scheduled) {
    return { ok: true, tone: "success", message: `Scheduled. The grant waits for its start, ${formatUtcMinute(result.scheduled.dueAt)} UTC, and then runs with your token.`, href, shown };
  }
  return { ok: true, ...describeOutcome(result.outcome), warnings: result.outcome.warnings, href, shown };
}
