import { describe, expect, it } from "vitest";
import { decideApproval } from "./decide-approval";

const target = { address: "adele.vance@contoso.onmicrosoft.com", department: "Sales" };

describe("approval policy", () => {
  it("defaults: grants need approval, other changes run directly, requests wait 72 hours", () => {
    expect(decideApproval({ risk: "high", policy: null, target, protectedTargets: [] })).toMatchObject({ requiresApproval: true, pendingHours: 72 });
    expect(decideApproval({ risk: "low", policy: null, target, protectedTargets: [] })).toMatchObject({ requiresApproval: false });
  });

  it("a policy row overrides the default either way", () => {
    expect(decideApproval({ risk: "high", policy: { requiresApproval: false, pendingHours: 24 }, target, protectedTargets: [] }).requiresApproval).toBe(false);
    expect(decideApproval({ risk: "low", policy: { requiresApproval: true, pendingHours: 4 }, target, protectedTargets: [] })).toMatchObject({ requiresApproval: true, pendingHours: 4 });
  });

  it("protected mailboxes and departments need approval for every action", () => {
    const byMailbox = decideApproval({ risk: "low", policy: null, target, protectedTargets: [{ kind: "MAILBOX", value: "ADELE.VANCE@contoso.onmicrosoft.com" }] });
    expect(byMailbox).toMatchObject({ requiresApproval: true, because: expect.stringContaining("this mailbox is protected") });
    const byDepartment = decideApproval({ risk: "low", policy: { requiresApproval: false, pendingHours: 8 }, target, protectedTargets: [{ kind: "DEPARTMENT", value: "sales" }] });
    expect(byDepartment).toMatchObject({ requiresApproval: true, pendingHours: 8 });
    expect(decideApproval({ risk: "low", policy: null, target: { ...target, department: null }, protectedTargets: [{ kind: "DEPARTMENT", value: "Sales" }] }).requiresApproval).toBe(false);
  });
});
