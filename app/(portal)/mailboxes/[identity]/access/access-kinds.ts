import type { TRightKind } from "@/lib/cmdlets/permission-entries";

// The catalogue actions this page offers, by kind of right.
export const ACCESS_ACTIONS: Record<TRightKind, { grant: string; remove: string; label: string }> = {
  FullAccess: { grant: "full-access.grant", remove: "full-access.remove", label: "FullAccess" },
  SendAs: { grant: "send-as.grant", remove: "send-as.remove", label: "Send as" },
  SendOnBehalf: { grant: "send-on-behalf.grant", remove: "send-on-behalf.remove", label: "Send on behalf" },
  Calendar: { grant: "calendar.set", remove: "calendar.remove", label: "Calendar" },
};

export const ACCESS_ACTION_IDS = Object.values(ACCESS_ACTIONS).flatMap((a) => [a.grant, a.remove]);
