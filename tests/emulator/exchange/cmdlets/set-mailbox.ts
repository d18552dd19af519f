import { IDENTITY } from "../parameters";
import type { Mailbox, Tenant } from "../../tenant/model";
import { noSettingsModified } from "../ace-warnings";
import { cmdletErrors } from "../cmdlet-errors";
import { resolveMailbox } from "../identity";
import { assertInWriteScope, assertNotDirectorySynced, resolveTarget } from "../rbac";
import type { CmdletDefinition } from "./types";

// Set-Mailbox, for the one property ExoDesk changes: GrantSendOnBehalfTo. Like every
// multi-valued property it takes either a whole list (which replaces the stored one; null or []
// clears it) or a GenericHashTable {"Add":[…],"Remove":[…]}. Entries may name the delegate in
// any identity form; they are stored as recipients (UPNs here) and Get-Mailbox shows names.

const PARAMETER = "GrantSendOnBehalfTo";
const TYPE = "Microsoft.Exchange.Configuration.Tasks.MultiValuedProperty`1[Microsoft.Exchange.Configuration.Tasks.ModifyRecipientWithSubjectIdParameter]";

type Update = { replace: string[] } | { add: string[]; remove: string[] };

function toList(value: unknown, shown: string): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  if (items.some((v) => typeof v !== "string")) {
    throw cmdletErrors.transformation(PARAMETER, shown, TYPE, "Specified method is not supported.");
  }
  return (items as string[]).map((v) => v.trim()).filter((v) => v !== "");
}

function readUpdate(value: unknown): Update {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { replace: toList(value, Array.isArray(value) ? "System.Object[]" : String(value)) };
  }
  const update = { add: [] as string[], remove: [] as string[] };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const k = key.toLowerCase();
    if (k === "add") update.add = toList(v, "System.Collections.Hashtable");
    else if (k === "remove") update.remove = toList(v, "System.Collections.Hashtable");
    else if (!key.startsWith("@")) {
      throw cmdletErrors.transformation(PARAMETER, "System.Collections.Hashtable", TYPE, `The hash table key "${key}" isn't valid. Use Add or Remove.`);
    }
  }
  return update;
}

// Unknown delegates fail as Exchange fails a recipient in a multi-valued property.
function keysOf(tenant: Tenant, identities: string[]): string[] {
  return identities.map((id) => resolveMailbox(tenant, id, cmdletErrors.recipientNotFound).userPrincipalName.toLowerCase());
}

function nextDelegates(tenant: Tenant, m: Mailbox, update: Update): string[] {
  if ("replace" in update) return [...new Set(keysOf(tenant, update.replace))];
  const add = keysOf(tenant, update.add);
  const remove = new Set(keysOf(tenant, update.remove));
  const next = m.grantSendOnBehalfTo.map((k) => k.toLowerCase());
  for (const k of add) if (!next.includes(k)) next.push(k);
  return next.filter((k) => !remove.has(k));
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

export const setMailbox: CmdletDefinition = {
  name: "Set-Mailbox",
  parameters: [
    IDENTITY,
    { name: PARAMETER, type: "value" },
  ],
  run: ({ ctx, caller, params }) => {
    const tenant = ctx.state.tenant;
    const m = resolveTarget(tenant, caller, params.get("Identity") as string);
    const current = m.grantSendOnBehalfTo.map((k) => k.toLowerCase());
    const next = params.has(PARAMETER) ? nextDelegates(tenant, m, readUpdate(params.get(PARAMETER))) : current;
    // Nothing to save: Exchange warns and never reaches the scope check of the save.
    if (sameSet(next, current)) return { rows: [], warnings: [noSettingsModified(m.name)] };
    assertInWriteScope(caller, m);
    assertNotDirectorySynced(ctx.state.quirks, m, "Set-Mailbox", PARAMETER);
    m.grantSendOnBehalfTo = next;
    m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [], warnings: [] };
  },
};
