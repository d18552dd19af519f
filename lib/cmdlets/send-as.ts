import { ExchangeError } from "@/lib/exchange/errors";
import { targetOnlyEntry, toStringList, type TDelegateTarget } from "./delegate-params";
import type { TCatalogueAction } from "./types";
import type { TExchange } from "@/lib/exchange/create-exchange";

// SendAs: Get-/Add-/Remove-RecipientPermission.
export type TSendAsState = { sendAs: boolean };

export async function readSendAs(ex: TExchange, identity: string, trustee: string): Promise<TSendAsState> {
  try {
    const { value } = await ex.invoke("Get-RecipientPermission", { Identity: identity, Trustee: trustee });
    const sendAs = value.some((e) => toStringList(e.AccessRights).includes("SendAs") && e.AccessControlType !== "Deny" && e.IsInherited !== true);
    return { sendAs };
  } catch (e) {
    if (e instanceof ExchangeError && e.kind === "entry_missing") return { sendAs: false };
    throw e;
  }
}

function sendAsAction(kind: "grant" | "remove"): TCatalogueAction<TDelegateTarget, TSendAsState> {
  const grant = kind === "grant";
  return {
    ...targetOnlyEntry({ id: "send-as", label: "SendAs" }, kind),
    readState: (ex, p) => readSendAs(ex, p.identity, p.trustee),
    apply: (ex, p, clientRequestId) =>
      ex.invoke(
        grant ? "Add-RecipientPermission" : "Remove-RecipientPermission",
        { Identity: p.identity, Trustee: p.trustee, AccessRights: ["SendAs"], Confirm: false },
        { clientRequestId },
      ),
    isApplied: (_p, s) => s.sendAs === grant,
  };
}

export const grantSendAs = sendAsAction("grant");
export const removeSendAs = sendAsAction("remove");
