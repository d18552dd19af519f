// The request lifecycle as one pure table (design.md, "Request states").
import type { TRequestStatus } from "./request-status";

export type TRequestEvent =
  | "approve"
  | "reject"
  | "cancel"
  | "expire"
  | "start"
  | "succeed"
  | "fail"
  | "lose-track"
  | "reconcile-succeeded"
  | "reconcile-failed"
  // A due scheduled change the person planned could not run goes to the helpdesk (NEEDS_SOMEONE).
  | "hand-over"
  // A scheduled removal's end moved (also a due one's, back to waiting).
  | "reschedule"
  // An approved grant whose start is still ahead waits for it, to run then as its approver.
  | "schedule";

type TMoves = Partial<Record<TRequestEvent, TRequestStatus>>;

const table = {
  // A bulk change's item waiting for a free worker; the requester may stop it before it runs. A
  // direct change is created QUEUED and started in the same transaction.
  QUEUED: { start: "EXECUTING", cancel: "CANCELLED" },
  PENDING_APPROVAL: { approve: "APPROVED", reject: "REJECTED", cancel: "CANCELLED", expire: "EXPIRED" },
  APPROVED: { start: "EXECUTING", schedule: "SCHEDULED" },
  EXECUTING: { succeed: "SUCCEEDED", fail: "FAILED", "lose-track": "OUTCOME_UNKNOWN", "hand-over": "NEEDS_SOMEONE" },
  OUTCOME_UNKNOWN: { "reconcile-succeeded": "SUCCEEDED", "reconcile-failed": "FAILED", "hand-over": "NEEDS_SOMEONE" },
  // A change waiting for its time: the removal of a time-bound grant (due at its end), or a grant
  // that waits for its start. Run when due by the person planned for it, or handed over to the
  // helpdesk when they cannot; cancelled when the right is removed or changed before, or (a
  // grant) by its requester.
  SCHEDULED: { start: "EXECUTING", "hand-over": "NEEDS_SOMEONE", cancel: "CANCELLED", reschedule: "SCHEDULED" },
  NEEDS_SOMEONE: { start: "EXECUTING", cancel: "CANCELLED", reschedule: "SCHEDULED" },
  SUCCEEDED: {},
  FAILED: {},
  REJECTED: {},
  CANCELLED: {},
  EXPIRED: {},
} as const satisfies Record<TRequestStatus, TMoves>;
const moves: Record<TRequestStatus, TMoves> = table;

// What running a change can end in, and what reading the mailbox back can settle an unknown
// outcome as: the moves out of EXECUTING and OUTCOME_UNKNOWN (a removal that did not happen is
// handed over, NEEDS_SOMEONE).
export type TExecutionOutcome = (typeof table.EXECUTING)[keyof typeof table.EXECUTING];
export const EXECUTION_OUTCOMES: TExecutionOutcome[] = Object.values(table.EXECUTING);
export type TReconciledOutcome = (typeof table.OUTCOME_UNKNOWN)[keyof typeof table.OUTCOME_UNKNOWN];
export const RECONCILED_OUTCOMES: TReconciledOutcome[] = Object.values(table.OUTCOME_UNKNOWN);

export class IllegalTransitionError extends Error {
  constructor(
    readonly from: TRequestStatus,
    readonly event: TRequestEvent,
  ) {
    super(`A request that is ${from.toLowerCase().replace("_", " ")} cannot ${event.replace("-", " ")}.`);
    this.name = "IllegalTransitionError";
  }
}

export function transition(from: TRequestStatus, event: TRequestEvent): TRequestStatus {
  const to = moves[from][event];
  if (!to) throw new IllegalTransitionError(from, event);
  return to;
}
