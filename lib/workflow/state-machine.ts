// The request lifecycle as one pure table (design.md, "Request states").
export const REQUEST_STATUSES = [
  "QUEUED",
  "PENDING_APPROVAL",
  "APPROVED",
  "EXECUTING",
  "SUCCEEDED",
  "FAILED",
  "OUTCOME_UNKNOWN",
  "REJECTED",
  "CANCELLED",
  "EXPIRED",
] as const;
export type TRequestStatus = (typeof REQUEST_STATUSES)[number];

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

const table: Record<TRequestStatus, Partial<Record<TRequestEvent, TRequestStatus>>> = {
  // A bulk change's item waiting for a free worker; the requester may stop it before it runs.
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
};

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
  const to = table[from][event];
  if (!to) throw new IllegalTransitionError(from, event);
  return to;
}

export function isTerminal(status: TRequestStatus): boolean {
  return Object.keys(table[status]).length === 0;
}

// Direct actions (no approval needed) are created already executing.
export const DIRECT_START_STATUS: TRequestStatus = "EXECUTING";
