import { RequestStatus } from "@/lib/generated/prisma/enums";

// Every request status and what it means, in one table. The Prisma enum is the source: a status
// added to prisma/schema.prisma without a row here fails the typecheck (`satisfies` below).
export type TRequestStatus = RequestStatus;

// The colour a status is shown in; the app maps each tone to its classes.
export type TStatusTone = "success" | "error" | "warning" | "active" | "neutral";

// How a request ended, or null while it has not: "done" (the change is made), "failed" (it was
// tried and is not made), "not-run" (stopped before it ran). The progress of a bulk change
// counts its items in these groups.
export type TStatusEnding = "done" | "failed" | "not-run" | null;

type TStatusRow = { label: string; tone: TStatusTone; ending: TStatusEnding };

const STATUS = {
  QUEUED: { label: "Queued", tone: "neutral", ending: null },
  PENDING_APPROVAL: { label: "Waiting for approval", tone: "neutral", ending: null },
  APPROVED: { label: "Approved", tone: "neutral", ending: null },
  EXECUTING: { label: "Running", tone: "active", ending: null },
  SUCCEEDED: { label: "Succeeded", tone: "success", ending: "done" },
  FAILED: { label: "Failed", tone: "error", ending: "failed" },
  OUTCOME_UNKNOWN: { label: "Outcome unknown", tone: "warning", ending: null },
  REJECTED: { label: "Rejected", tone: "neutral", ending: "not-run" },
  CANCELLED: { label: "Cancelled", tone: "neutral", ending: "not-run" },
  EXPIRED: { label: "Expired", tone: "neutral", ending: "not-run" },
  SCHEDULED: { label: "Scheduled", tone: "neutral", ending: null },
  NEEDS_SOMEONE: { label: "Due — needs someone", tone: "warning", ending: null },
} satisfies Record<TRequestStatus, TStatusRow>;

// In the enum's (schema) order.
export const REQUEST_STATUSES: readonly TRequestStatus[] = Object.values(RequestStatus);

export function describeStatus(status: TRequestStatus): TStatusRow {
  return STATUS[status];
}

// Nothing can happen to the request any more.
export function isTerminal(status: TRequestStatus): boolean {
  return STATUS[status].ending !== null;
}

// The change is made or may still be made (by this request): such a request blocks a second
// revert of the same change.
export function isLive(status: TRequestStatus): boolean {
  const { ending } = STATUS[status];
  return ending === null || ending === "done";
}
