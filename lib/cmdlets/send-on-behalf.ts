import { sameIdentity } from "@/lib/exchange/identity";
import { targetOnlyEntry, type TDelegateTarget } from "./delegate-params";
import { getMailbox, getRecipient } from "./read-mailbox";
import type { TCatalogueAction } from "./types";
import type { TExchange } from "@/lib/exchange/create-exchange";

// SendOnBehalf: Get-Mailbox's GrantSendOnBehalfTo, changed with Set-Mailbox and a
// GenericHashTable Add/Remove so other delegates are never rewritten. Exchange lists the
// delegates by name, so the trustee is looked up to compare like with like.
export type TSendOnBehalfState = { delegates: string[]; trusteeListed: boolean };

export async function readSendOnBehalfNames(ex: TExchange, identity: string): Promise<string[]> {
  return (await getMailbox(ex, identity)).sendOnBehalf;
}

async function readState(ex: TExchange, p: TDelegateTarget): Promise<TSendOnBehalfState> {
  const [delegates, trustee] = await Promise.all([readSendOnBehalfNames(ex, p.identity), getRecipient(ex, p.trustee)]);
  const names = [trustee.name, trustee.displayName, trustee.address, trustee.alias, trustee.upn].filter((n): n is string => Boolean(n));
  return { delegates, trusteeListed: delegates.some((d) => names.some((n) => sameIdentity(d, n))) };
}

function sendOnBehalfAction(kind: "grant" | "remove"): TCatalogueAction<TDelegateTarget, TSendOnBehalfState> {
  const grant = kind === "grant";
  return {
    ...targetOnlyEntry({ id: "send-on-behalf", label: "SendOnBehalf" }, kind),
    readState,
    apply: (ex, p, clientRequestId) =>
      ex.invoke(
        "Set-Mailbox",
        { Identity: p.identity, GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", [grant ? "Add" : "Remove"]: [p.trustee] } },
        { clientRequestId },
      ),
    isApplied: (_p, s) => s.trusteeListed === grant,
  };
}

export const grantSendOnBehalf = sendOnBehalfAction("grant");
export const removeSendOnBehalf = sendOnBehalfAction("remove");
