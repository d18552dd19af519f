import { describe, expect, it } from "vitest";
import { RequestStatus } from "@/lib/generated/prisma/enums";
import { describeStatus, isLive, isTerminal, REQUEST_STATUSES } from "./request-status";

describe("request status table", () => {
  it("has exactly the statuses of the database enum, in its order", () => {
    expect(REQUEST_STATUSES).toEqual(["QUEUED", "PENDING_APPROVAL", "APPROVED", "EXECUTING", "SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "REJECTED", "CANCELLED", "EXPIRED", "SCHEDULED", "NEEDS_SOMEONE"]);
    expect(REQUEST_STATUSES).toEqual(Object.keys(RequestStatus));
    for (const status of REQUEST_STATUSES) expect(describeStatus(status).label, status).not.toBe("");
  });

  it("knows the terminal statuses", () => {
    expect(REQUEST_STATUSES.filter(isTerminal)).toEqual(["SUCCEEDED", "FAILED", "REJECTED", "CANCELLED", "EXPIRED"]);
  });

  it("counts as live what is made or may still be made, so it blocks a second revert", () => {
    expect(REQUEST_STATUSES.filter((s) => !isLive(s))).toEqual(["FAILED", "REJECTED", "CANCELLED", "EXPIRED"]);
  });

  it("gives each status the words and colour the portal shows", () => {
    const shown = Object.fromEntries(REQUEST_STATUSES.map((s) => [s, `${describeStatus(s).label} (${describeStatus(s).tone})`]));
    expect(shown).toEqual({
      QUEUED: "Queued (neutral)",
      PENDING_APPROVAL: "Waiting for approval (neutral)",
      APPROVED: "Approved (neutral)",
      EXECUTING: "Running (active)",
      SUCCEEDED: "Succeeded (success)",
      FAILED: "Failed (error)",
      OUTCOME_UNKNOWN: "Outcome unknown (warning)",
      REJECTED: "Rejected (neutral)",
      CANCELLED: "Cancelled (neutral)",
      EXPIRED: "Expired (neutral)",
      SCHEDULED: "Scheduled (neutral)",
      NEEDS_SOMEONE: "Due — needs someone (warning)",
    });
  });
});
