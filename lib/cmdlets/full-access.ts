import { z } from "zod";
import { ExchangeError } from "@/lib/exchange/errors";
import { refuseSelfDelegation, toStringList, ZDelegateTarget, ZTargetOnly, type TDelegateTarget } from "./delegate-params";
import type { TCatalogueAction } from "./types";
import type { TExchange } from "@/lib/exchange/create-exchange";

// FullAccess: Get-/Add-/Remove-MailboxPermission. Only explicit, allowing entries count.
export type TFullAccessState = { fullAccess: boolean };

export async function readFullAccess(ex: TExchange, identity: string, trustee: string): Promise<TFullAccessState> {
  try {
    const { value } = await ex.invoke("Get-MailboxPermission", { Identity: identity, User: trustee });
    const fullAccess = value.some((e) => toStringList(e.AccessRights).includes("FullAccess") && e.Deny !== true && e.IsInherited !== true);
    return { fullAccess };
  } catch (e) {
    // Asking for one user who has no entry is "not found" in some Exchange versions.
    if (e instanceof ExchangeError && (e.kind === "entry_missing" || (e.kind === "not_found" && /permission|entry/i.test(e.message)))) return { fullAccess: false };
    throw e;
  }
}

export const ZGrantFullAccess = ZDelegateTarget.extend({ autoMapping: z.boolean() }).superRefine(refuseSelfDelegation);
export type TGrantFullAccess = z.infer<typeof ZGrantFullAccess>;

export const grantFullAccess: TCatalogueAction<TGrantFullAccess, TFullAccessState> = {
  id: "full-access.grant",
  label: "Grant FullAccess",
  risk: "high",
  schema: ZGrantFullAccess,
  readState: (ex, p) => readFullAccess(ex, p.identity, p.trustee),
  apply: (ex, p, clientRequestId) =>
    ex.invoke(
      "Add-MailboxPermission",
      { Identity: p.identity, User: p.trustee, AccessRights: ["FullAccess"], AutoMapping: p.autoMapping, InheritanceType: "All" },
      { clientRequestId },
    ),
  isApplied: (_p, s) => s.fullAccess,
  inverse: (p) => ({ actionId: "full-access.remove", params: { identity: p.identity, trustee: p.trustee } }),
};

export const removeFullAccess: TCatalogueAction<TDelegateTarget, TFullAccessState> = {
  id: "full-access.remove",
  label: "Remove FullAccess",
  risk: "low",
  schema: ZTargetOnly,
  readState: (ex, p) => readFullAccess(ex, p.identity, p.trustee),
  apply: (ex, p, clientRequestId) =>
    ex.invoke(
      "Remove-MailboxPermission",
      { Identity: p.identity, User: p.trustee, AccessRights: ["FullAccess"], InheritanceType: "All", Confirm: false },
      { clientRequestId },
    ),
  isApplied: (_p, s) => !s.fullAccess,
  // Automapping cannot be read back from Exchange; restoring uses the usual default.
  inverse: (p) => ({ actionId: "full-access.grant", params: { identity: p.identity, trustee: p.trustee, autoMapping: true } }),
};
