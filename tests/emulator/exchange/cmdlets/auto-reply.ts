import type { AutoReplyConfig } from "../../tenant/model";
import { toStoredOofMessage } from "../../tenant/oof-message";
import { cmdletErrors } from "../cmdlet-errors";
import { IDENTITY, type ParamSpec } from "../parameters";
import { assertInWriteScope, resolveTarget } from "../rbac";
import { autoReplyObject } from "../views";
import type { CmdletDefinition } from "./types";

export const getMailboxAutoReplyConfiguration: CmdletDefinition = {
  name: "Get-MailboxAutoReplyConfiguration",
  parameters: [IDENTITY],
  run: ({ ctx, caller, params }) => {
    const m = resolveTarget(ctx.state.tenant, caller, params.get("Identity") as string);
    return { rows: [autoReplyObject(m, ctx.state.quirks.autoReplyTimeFormat)], warnings: [] };
  },
};

const SET_PARAMETERS: ParamSpec[] = [
  IDENTITY,
  {
    name: "AutoReplyState",
    type: "enum",
    values: ["Disabled", "Enabled", "Scheduled"],
    enumType: "Microsoft.Exchange.InfoWorker.Common.OOF.OofState",
  },
  { name: "StartTime", type: "datetime" },
  { name: "EndTime", type: "datetime" },
  { name: "InternalMessage", type: "string", nullable: true },
  { name: "ExternalMessage", type: "string", nullable: true },
  {
    name: "ExternalAudience",
    type: "enum",
    values: ["None", "Known", "All"],
    enumType: "Microsoft.Exchange.InfoWorker.Common.OOF.ExternalAudience",
  },
  { name: "AutoDeclineFutureRequestsWhenOOF", type: "bool" },
  { name: "CreateOOFEvent", type: "bool" },
  { name: "DeclineAllEventsForScheduledOOF", type: "bool" },
  { name: "DeclineEventsForScheduledOOF", type: "bool" },
  { name: "DeclineMeetingMessage", type: "string", nullable: true },
  { name: "OOFEventSubject", type: "string", nullable: true },
];

// Parameter -> config field, for the fields a Set may change.
const FIELDS: [param: string, field: keyof AutoReplyConfig][] = [
  ["AutoReplyState", "autoReplyState"],
  ["StartTime", "startTime"],
  ["EndTime", "endTime"],
  ["InternalMessage", "internalMessage"],
  ["ExternalMessage", "externalMessage"],
  ["ExternalAudience", "externalAudience"],
  ["AutoDeclineFutureRequestsWhenOOF", "autoDeclineFutureRequestsWhenOOF"],
  ["CreateOOFEvent", "createOOFEvent"],
  ["DeclineAllEventsForScheduledOOF", "declineAllEventsForScheduledOOF"],
  ["DeclineEventsForScheduledOOF", "declineEventsForScheduledOOF"],
  ["DeclineMeetingMessage", "declineMeetingMessage"],
  ["OOFEventSubject", "oofEventSubject"],
];

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

export const setMailboxAutoReplyConfiguration: CmdletDefinition = {
  name: "Set-MailboxAutoReplyConfiguration",
  parameters: SET_PARAMETERS,
  run: ({ ctx, caller, params }) => {
    const m = resolveTarget(ctx.state.tenant, caller, params.get("Identity") as string);
    const next: AutoReplyConfig = { ...m.autoReply };
    for (const [param, field] of FIELDS) {
      if (!params.has(param)) continue;
      let value = params.get(param);
      if (field === "internalMessage" || field === "externalMessage") value = toStoredOofMessage(value as string | null);
      (next as Record<string, unknown>)[field] = value;
    }
    if (next.autoReplyState === "Scheduled") {
      if (next.endTime.getTime() <= next.startTime.getTime()) {
        throw cmdletErrors.invalidArgument("The value of the EndTime parameter must be later than the value of the StartTime parameter.");
      }
      if (next.endTime.getTime() <= ctx.state.clock.now()) {
        throw cmdletErrors.invalidArgument("The value of the EndTime parameter can't be in the past.");
      }
    }
    const changed = FIELDS.some(([, field]) => !same(next[field], m.autoReply[field]));
    // Nothing to save: Exchange warns and never reaches the scope check of the save.
    if (!changed) return { rows: [], warnings: [`The command completed successfully but no settings of '${m.name}' have been modified.`] };
    assertInWriteScope(caller, m);
    m.autoReply = next;
    m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [], warnings: [] };
  },
};
