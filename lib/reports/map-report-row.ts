import { toStringList } from "@/lib/cmdlets/delegate-params";
import type { TTrusteeDirectory } from "./resolve-trustees";

// One mailbox's report row from what Exchange answered: explicit delegates only (no
// inherited, denied or built-in entries), each named by address, sorted, without repeats.

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

// Built-in principals: SELF, SYSTEM and other well-known accounts, orphaned SIDs, and the
// calendar's Default and Anonymous entries. None of them is a delegate.
const BUILT_IN = /^(NT AUTHORITY\\|S-1-|Default$|Anonymous$)/i;

const isExplicit = (user: string) => user !== "" && !BUILT_IN.test(user);

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b));
}

export function toFullAccess(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return sortedUnique(
    entries
      .filter((e) => toStringList(e.AccessRights).includes("FullAccess") && e.Deny !== true && e.IsInherited !== true)
      .map((e) => String(e.User ?? ""))
      .filter(isExplicit)
      .map((u) => directory.resolve(u)),
  );
}

export function toSendAs(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return sortedUnique(
    entries
      .filter((e) => toStringList(e.AccessRights).includes("SendAs") && e.AccessControlType !== "Deny" && e.IsInherited !== true)
      .map((e) => String(e.Trustee ?? ""))
      .filter(isExplicit)
      .map((u) => directory.resolve(u)),
  );
}

export function toSendOnBehalf(names: readonly string[], directory: TTrusteeDirectory): string[] {
  return sortedUnique(names.filter(isExplicit).map((n) => directory.resolve(n)));
}

// Exchange writes the flags as "Delegate, CanViewPrivateItems" or "Delegate,CanViewPrivateItems".
export function normaliseSharingFlags(value: unknown): string | null {
  const flags = (typeof value === "string" ? value : toStringList(value).join(","))
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f && f !== "None");
  return flags.length > 0 ? flags.join(", ") : null;
}

export function formatCalendarEntry(trustee: string, rights: readonly string[], flags: string | null): string {
  return `${trustee}: ${rights.join(", ") || "None"}${flags ? ` (${flags})` : ""}`;
}

export function toCalendar(entries: readonly TRaw[], directory: TTrusteeDirectory): string[] {
  return sortedUnique(
    entries
      .filter((e) => isExplicit(String(e.User ?? "")))
      .map((e) => formatCalendarEntry(directory.resolve(String(e.User)), toStringList(e.AccessRights), normaliseSharingFlags(e.SharingPermissionFlags))),
  );
}

export const DELEGATE_KINDS = ["fullAccess", "sendAs", "sendOnBehalf", "calendar"] as const;
export type TDelegateKind = (typeof DELEGATE_KINDS)[number];
export const DELEGATE_LABELS: Record<TDelegateKind, string> = {
  fullAccess: "FullAccess",
  sendAs: "SendAs",
  sendOnBehalf: "SendOnBehalf",
  calendar: "Calendar",
};
