import type { TRightKind } from "@/lib/cmdlets/permission-entries";

// The catalogue actions this page offers, by kind of right.
export const ACCESS_ACTIONS: Record<TRightKind, { grant: string; remove: string; label: string }> = {
  FullAccess: { grant: "full-access.grant", remove: "full-access.remove", label: "FullAccess" },
  SendAs: { grant: "send-as.grant", remove: "send-as.remove", label: "Send as" },
  SendOnBehalf: { grant: "send-on-behalf.grant", remove: "send-on-behalf.remove", label: "Send on behalf" },
  Calendar: { grant: "calendar.set", remove: "calendar.remove", label: "Calendar" },
};

// The kind of right an action of this page changes; null for any other action.
export function accessKindOf(actionId: string): TRightKind | null {
  const kinds = Object.keys(ACCESS_ACTIONS) as TRightKind[];
  return kinds.find((k) => ACCESS_ACTIONS[k].grant === actionId || ACCESS_ACTIONS[k].remove === actionId) ?? null;
}

// Time-bound rights: the end of each (an ISO instant), by kind and person (address, lower case).
export type TRightEnds = Record<string, string>;
export const endKey = (kind: string, person: string) => `${kind}:${person.toLowerCase()}`;
