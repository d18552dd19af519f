import { sameIdentity } from "@/lib/exchange/identity";

// Does a change need a second person? Pure: the caller reads the policy rows.
export type TPolicy = { requiresApproval: boolean; pendingHours: number };
export type TProtectedTarget = { kind: "MAILBOX" | "DEPARTMENT"; value: string };
export type TApprovalDecision = { requiresApproval: boolean; pendingHours: number; because: string };

export const DEFAULT_PENDING_HOURS = 72;

// Defaults: grants (high risk) need approval; automatic replies and removals run directly.
export function defaultPolicy(risk: "low" | "high"): TPolicy {
  return { requiresApproval: risk === "high", pendingHours: DEFAULT_PENDING_HOURS };
}

export function decideApproval(input: {
  risk: "low" | "high";
  policy: TPolicy | null;
  target: { address: string; department: string | null };
  protectedTargets: TProtectedTarget[];
}): TApprovalDecision {
  const policy = input.policy ?? defaultPolicy(input.risk);
  const protection = input.protectedTargets.find((p) =>
    p.kind === "MAILBOX" ? sameIdentity(p.value, input.target.address) : input.target.department !== null && sameIdentity(p.value, input.target.department),
  );
  if (protection) {
    const what = protection.kind === "MAILBOX" ? "this mailbox is protected" : `mailboxes in ${protection.value} are protected`;
    return { requiresApproval: true, pendingHours: policy.pendingHours, because: `Every change needs approval because ${what}.` };
  }
  return {
    requiresApproval: policy.requiresApproval,
    pendingHours: policy.pendingHours,
    because: policy.requiresApproval ? "This kind of change needs approval." : "This kind of change runs directly.",
  };
}
