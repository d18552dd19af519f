import { nameTrustee, toCalendarEntries, toFullAccessEntries, toSendAsEntries, toSendOnBehalfEntries, type TPermissionEntry, type TRightKind, type TTrusteeDirectory } from "@/lib/cmdlets/permission-entries";
import { normaliseIdentity } from "@/lib/exchange/identity";

// One mailbox's report row from what Exchange answered: explicit delegates only (no
// inherited, denied or built-in entries; lib/cmdlets/permission-entries.ts), each named by its
// address in normal form (or as Exchange named it when the directory finds nobody), sorted,
// without repeats.

export type TReportRowData = {
  autoReplyState: string | null;
  startTime: Date | null;
  endTime: Date | null;
  externalAudience: string | null;
  fullAccess: string[];
  sendAs: string[];
  sendOnBehalf: string[];
  // "address: Role" per calendar permission, with " (Delegate…)" when the entry has flags.
  calendar: string[];
};

type TRaw = Record<string, unknown>;

function addressOf(directory: TTrusteeDirectory, trustee: string): string {
  const { address } = nameTrustee(directory, trustee);
  return address ? normaliseIdentity(address) : trustee;
}

function delegates(entries: readonly TPermissionEntry[], directory: TTrusteeDirectory, format: (address: string, e: TPermissionEntry) => string = (address) => address): string[] {
  const values = entries.filter((e) => e.explicit).map((e) => format(addressOf(directory, e.trustee), e));
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

export function toFullAccess(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return delegates(toFullAccessEntries(entries), directory);
}

export function toSendAs(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return delegates(toSendAsEntries(entries), directory);
}

export function toSendOnBehalf(names: readonly string[], directory: TTrusteeDirectory): string[] {
  return delegates(toSendOnBehalfEntries(names), directory);
}

export function toCalendar(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return delegates(toCalendarEntries(entries), directory, (address, e) => `${address}: ${e.rights.join(", ") || "None"}${e.flags ? ` (${e.flags})` : ""}`);
}

export const DELEGATE_KINDS = ["fullAccess", "sendAs", "sendOnBehalf", "calendar"] as const;
export type TDelegateKind = (typeof DELEGATE_KINDS)[number];
export const DELEGATE_LABELS: Record<TDelegateKind, string> = {
  fullAccess: "FullAccess",
  sendAs: "SendAs",
  sendOnBehalf: "SendOnBehalf",
  calendar: "Calendar",
};

// The kind of right each column lists (lib/cmdlets/right-kinds.ts: its actions, its end's key).
export const DELEGATE_RIGHTS: Record<TDelegateKind, TRightKind> = {
  fullAccess: "FullAccess",
  sendAs: "SendAs",
  sendOnBehalf: "SendOnBehalf",
  calendar: "Calendar",
};
