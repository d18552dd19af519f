import { describe, expect, it } from "vitest";
import { isTerminal, REQUEST_STATUSES } from "./request-status";
import { EXECUTION_OUTCOMES, IllegalTransitionError, RECONCILED_OUTCOMES, transition, type TRequestEvent } from "./state-machine";

const EVENTS: TRequestEvent[] = [
  "approve", "reject", "cancel", "expire", "start", "succeed", "fail", "lose-track", "reconcile-succeeded", "reconcile-failed", "hand-over", "reschedule", "schedule",
];

const allowed: Record<string, string> = {
  "QUEUED start": "EXECUTING",
  "QUEUED cancel": "CANCELLED",
  "PENDING_APPROVAL approve": "APPROVED",
  "PENDING_APPROVAL reject": "REJECTED",
  "PENDING_APPROVAL cancel": "CANCELLED",
  "PENDING_APPROVAL expire": "EXPIRED",
  "APPROVED start": "EXECUTING",
  "APPROVED schedule": "SCHEDULED",
  "EXECUTING succeed": "SUCCEEDED",
  "EXECUTING fail": "FAILED",
  "EXECUTING lose-track": "OUTCOME_UNKNOWN",
  "OUTCOME_UNKNOWN reconcile-succeeded": "SUCCEEDED",
  "OUTCOME_UNKNOWN reconcile-failed": "FAILED",
  "EXECUTING hand-over": "NEEDS_SOMEONE",
  "OUTCOME_UNKNOWN hand-over": "NEEDS_SOMEONE",
  "SCHEDULED start": "EXECUTING",
  "SCHEDULED hand-over": "NEEDS_SOMEONE",
  "SCHEDULED cancel": "CANCELLED",
  "SCHEDULED reschedule": "SCHEDULED",
  "NEEDS_SOMEONE start": "EXECUTING",
  "NEEDS_SOMEONE cancel": "CANCELLED",
  "NEEDS_SOMEONE reschedule": "SCHEDULED",
};

describe("request state machine", () => {
  for (const from of REQUEST_STATUSES) {
    for (const event of EVENTS) {
      const expected = allowed[`${from} ${event}`];
      it(`${from} --${event}--> ${expected ?? "refused"}`, () => {
        if (expected) expect(transition(from, event)).toBe(expected);
        else expect(() => transition(from, event)).toThrow(IllegalTransitionError);
      });
    }
  }

  it("explains a refused move in words", () => {
    expect(() => transition("CANCELLED", "approve")).toThrow("A request that is cancelled cannot approve.");
  });

  it("has no move out of a terminal status, and one out of every other", () => {
    for (const from of REQUEST_STATUSES) {
      const moves = EVENTS.filter((event) => allowed[`${from} ${event}`]);
      expect(moves.length === 0, from).toBe(isTerminal(from));
    }
  });

  it("lists what an execution and a reconciliation can end in", () => {
    expect(EXECUTION_OUTCOMES).toEqual(["SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "NEEDS_SOMEONE"]);
    expect(RECONCILED_OUTCOMES).toEqual(["SUCCEEDED", "FAILED", "NEEDS_SOMEONE"]);
  });
});
