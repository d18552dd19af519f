import { removeCalendarPermission, setCalendarPermission } from "./calendar-permission";
import { grantFullAccess, removeFullAccess } from "./full-access";
import { grantSendAs, removeSendAs } from "./send-as";
import { grantSendOnBehalf, removeSendOnBehalf } from "./send-on-behalf";
import { setAutoReply } from "./set-auto-reply";
import type { TCatalogueAction } from "./types";

// The allowlist: nothing reaches InvokeCommand as a change except through these actions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TAnyAction = TCatalogueAction<any, any>;

const actions: readonly TAnyAction[] = [
  setAutoReply,
  grantFullAccess,
  removeFullAccess,
  grantSendAs,
  removeSendAs,
  grantSendOnBehalf,
  removeSendOnBehalf,
  setCalendarPermission,
  removeCalendarPermission,
];

export function findAction(id: string): TAnyAction | null {
  return actions.find((a) => a.id === id) ?? null;
}

export function getActionLabel(id: string): string {
  return findAction(id)?.label ?? id;
}

export function listCatalogue(): readonly TAnyAction[] {
  return actions;
}
