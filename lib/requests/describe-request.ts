import type { TRequestStatus } from "@/lib/workflow/request-status";
import { describeOutcome } from "./describe-outcome";
import { formatUtcMinute } from "@/lib/time/format";

type TStoredRequest = {
  status: TRequestStatus;
  verification: "VERIFIED" | "DRIFTED" | null;
  errorKind: string | null;
  errorMessage: string | null;
  expiresAt: Date | null;
  deciderName: string | null;
  decisionComment: string | null;
  // A scheduled removal's time (time-bound access).
  dueAt?: Date | null;
  removalOfId?: string | null;
};

// A stored request's state in the person's words, whatever state it is in (one case per status:
// a new status fails the typecheck here until it has its words).
export function describeRequest(r: TStoredRequest): { tone: "success" | "warning" | "error"; message: string } {
  switch (r.status) {
    case "SUCCEEDED":
    case "FAILED":
    case "OUTCOME_UNKNOWN":
      return describeOutcome({ status: r.status, verification: r.verification, error: r.errorMessage ? { kind: r.errorKind ?? "unknown", message: r.errorMessage } : null });
    case "PENDING_APPROVAL":
      return { tone: "success", message: `Sent for approval. An approver has until ${formatUtcMinute(r.expiresAt)} UTC to decide.` };
    case "REJECTED":
      return { tone: "warning", message: `Rejected by ${r.deciderName ?? "an approver"}: ${r.decisionComment ?? "no reason given"}.` };
    case "QUEUED":
      return { tone: "success", message: "Queued: part of a bulk change, it runs when a worker is free." };
    case "CANCELLED":
      if (r.removalOfId) return { tone: "success", message: "Not needed any more: the right was removed or changed before its end, so this removal will not run." };
      return { tone: "warning", message: "Cancelled by the requester; it will not run." };
    case "SCHEDULED":
      if (!r.removalOfId) return { tone: "success", message: `Scheduled: the grant waits for its start and runs at ${formatUtcMinute(r.dueAt)} UTC, as the person who asked for or approved it.` };
      return { tone: "success", message: `Scheduled: runs at ${formatUtcMinute(r.dueAt)} UTC, as the person who ran the grant.` };
    case "NEEDS_SOMEONE":
      if (!r.removalOfId) return { tone: "warning", message: `Due, and needs someone: ${r.errorMessage ?? "the person planned could not run the grant."} A helpdesk person can grant it now from Due removals.` };
      return { tone: "warning", message: `Due, and needs someone: ${r.errorMessage ?? "the person who ran the grant could not run its removal."} A helpdesk person can remove it now from Due removals.` };
    case "EXPIRED":
      return { tone: "warning", message: "Expired: nobody decided in time, so it will not run. Ask again if it is still needed." };
    case "APPROVED":
    case "EXECUTING":
      return { tone: "warning", message: "Running in Exchange now." };
  }
}
