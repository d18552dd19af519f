import { z } from "zod";
import { sameIdentity } from "@/lib/exchange/identity";
import { limitOf } from "@/lib/forms/limits";

// Who gets (or loses) a right on which mailbox: the part every delegate action shares.
export const ZDelegateTarget = z.object({
  identity: z.string().trim().min(1, "Choose a mailbox.").max(limitOf("identity").max, limitOf("identity").message),
  trustee: z.string().trim().min(1, "Choose the person who gets the right.").max(limitOf("trustee").max, limitOf("trustee").message),
});

export function refuseSelfDelegation(p: { identity: string; trustee: string }, ctx: z.RefinementCtx): void {
  if (sameIdentity(p.identity, p.trustee)) {
    ctx.addIssue({ code: "custom", path: ["trustee"], message: "A mailbox cannot be its own delegate. Choose another person." });
  }
}

export const ZTargetOnly = ZDelegateTarget.superRefine(refuseSelfDelegation);
export type TDelegateTarget = z.infer<typeof ZDelegateTarget>;

// What the grant and the remove of a right that needs only the target share (SendAs,
// SendOnBehalf): ids, labels, the schema, the risk (granting is high, removing low), and each
// being the other's inverse.
export function targetOnlyEntry(right: { id: string; label: string }, kind: "grant" | "remove") {
  const grant = kind === "grant";
  return {
    id: `${right.id}.${kind}`,
    label: `${grant ? "Grant" : "Remove"} ${right.label}`,
    risk: grant ? ("high" as const) : ("low" as const),
    schema: ZTargetOnly,
    inverse: (p: TDelegateTarget) => ({ actionId: `${right.id}.${grant ? "remove" : "grant"}`, params: { identity: p.identity, trustee: p.trustee } }),
  };
}

export function toStringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" && value ? [value] : [];
}
