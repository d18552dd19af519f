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
  | "reconcile-failed";

type TMoves = Partial<Record<TRequestEvent, TRequestStatus>>;

const table = {
  // A bulk change's item waiting for a free worker; the requester may stop it before it runs. A
  // direct change is created QUEUED and started in the same transaction.
  QUEUED: { start: "EXECUTING", cancel: "CANCELLED" },
  PENDING_APPROVAL: { approve: "APPROVED", reject: "REJECTED", cancel: "CANCELLED", expire: "EXPIRED" },
  APPROVED: { start: "EXECUTING" },
  EXECUTING: { succeed: "SUCCEEDED", fail: "FAILED", "lose-track": "OUTCOME_UNKNOWN" },
  OUTCOME_UNKNOWN: { "reconcile-succeeded": "SUCCEEDED", "reconcile-failed": "FAILED" },
  SUCCEEDED: {},
  FAILED: {},
  REJECTED: {},
  CANCELLED: {},
  EXPIRED: {},
} as const satisfies Record<TRequestStatus, TMoves>;
const moves: Record<TRequestStatus, TMoves> = table;

// What running a change can end in, and what reading the mailbox back can settle an unknown
// outcome as: the moves out of EXECUTING and OUTCOME_UNKNOWN.
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
