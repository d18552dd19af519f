import type { Mailbox } from "../../tenant/model";
import { cmdletErrors } from "../cmdlet-errors";
import { anrMatches } from "../identity";
import type { ParamSpec } from "../parameters";
import { canRead, resolveTarget } from "../rbac";
import { mailboxObject, recipientObject } from "../views";
import type { CmdletDefinition, CmdletInvocation, CmdletResult } from "./types";

const RECIPIENT_TYPE_DETAILS = [
  "UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox", "LinkedMailbox", "SchedulingMailbox", "TeamMailbox",
  "DiscoveryMailbox", "GroupMailbox", "MailUser", "GuestMailUser", "MailContact", "MailUniversalDistributionGroup",
  "MailUniversalSecurityGroup", "DynamicDistributionGroup", "RemoteUserMailbox", "PublicFolder",
] as const;

// Exchange lists recipients by name. A collator compares several times faster than
// localeCompare does when it sorts a 10,000-mailbox tenant.
const collator = new Intl.Collator("en");
export const byName = (a: Mailbox, b: Mailbox) => collator.compare(a.name, b.name);

export const DEFAULT_RESULT_SIZE = 1000;
export const MORE_RESULTS_WARNING =
  "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.";

const PARAMETERS: ParamSpec[] = [
  { name: "Identity", type: "string" },
  { name: "Anr", type: "string" },
  {
    name: "RecipientTypeDetails",
    type: "enum[]",
    values: RECIPIENT_TYPE_DETAILS,
    enumType: "Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails[]",
  },
  { name: "ResultSize", type: "resultsize" },
];

function find({ ctx, caller, params }: CmdletInvocation, view: typeof recipientObject): CmdletResult {
  const tenant = ctx.state.tenant;
  const identity = params.get("Identity") as string | undefined;
  const anr = params.get("Anr") as string | undefined;
  if (identity !== undefined && anr !== undefined) throw cmdletErrors.parameterSetConflict();
  const types = params.get("RecipientTypeDetails") as string[] | undefined;
  const resultSize = (params.get("ResultSize") as number | undefined) ?? DEFAULT_RESULT_SIZE;
  let found: Mailbox[];
  if (identity !== undefined) {
    found = [resolveTarget(tenant, caller, identity)];
    if (types && !types.includes(found[0]!.recipientTypeDetails)) throw cmdletErrors.notFound(identity);
  } else {
    found = tenant.mailboxes
      .filter((m) => canRead(caller, m) && (anr === undefined || anrMatches(m, anr)) && (!types || types.includes(m.recipientTypeDetails)))
      .sort(byName);
  }
  const warnings = found.length > resultSize ? [MORE_RESULTS_WARNING] : [];
  return { rows: found.slice(0, resultSize).map((m) => view(tenant, m)), warnings };
}

export const getRecipient: CmdletDefinition = {
  name: "Get-Recipient",
  parameters: PARAMETERS,
  run: (inv) => find(inv, recipientObject),
};

export const getMailbox: CmdletDefinition = {
  name: "Get-Mailbox",
  parameters: PARAMETERS,
  run: (inv) => find(inv, mailboxObject),
};
