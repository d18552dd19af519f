import type { TRightKind } from "./permission-entries";

// The catalogue actions that grant and remove each kind of right, and the right's name on the
// access page: the one list of these pairs (time-bound access, the access page, the ends shown
// in reports). Pure, so the access page's browser code uses it too.
export const RIGHT_ACTIONS: Record<TRightKind, { grant: string; remove: string; label: string }> = {
  FullAccess: { grant: "full-access.grant", remove: "full-access.remove", label: "FullAccess" },
  SendAs: { grant: "send-as.grant", remove: "send-as.remove", label: "Send as" },
  SendOnBehalf: { grant: "send-on-behalf.grant", remove: "send-on-behalf.remove", label: "Send on behalf" },
  Calendar: { grant: "calendar.set", remove: "calendar.remove", label: "Calendar" },
};

const KINDS = Object.keys(RIGHT_ACTIONS) as TRightKind[];

// The kind of right an action grants or removes; null for any other action (an automatic reply).
export function rightKindOf(actionId: string): TRightKind | null {
  return KINDS.find((k) => RIGHT_ACTIONS[k].grant === actionId || RIGHT_ACTIONS[k].remove === actionId) ?? null;
}

// The kind of right an action removes; null for a grant or any other action.
export function removedKindOf(actionId: string): TRightKind | null {
  return KINDS.find((k) => RIGHT_ACTIONS[k].remove === actionId) ?? null;
}

// The removal action of a grant (which may be time-bound); null for any other action.
export function removalActionOf(actionId: string): string | null {
  const kind = KINDS.find((k) => RIGHT_ACTIONS[k].grant === actionId);
  return kind ? RIGHT_ACTIONS[kind].remove : null;
}

// Time-bound rights: the end of each (an ISO instant), by mailbox, kind and person.
export type TRightEnds = Record<string, string>;
// Addresses in lower case: Exchange and the requests may spell one address differently.
export const rightEndKey = (mailbox: string, kind: TRightKind, person: string) => `${mailbox}|${kind}|${person}`.toLowerCase();
