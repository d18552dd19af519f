import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";
import { normaliseIdentity, sameIdentity } from "@/lib/exchange/identity";
import { toStringList } from "./delegate-params";
import { getRecipient, type TRecipient } from "./read-mailbox";

// Who has a right on a mailbox, read one way for the access page and the mailbox report: the
// entries of Get-MailboxPermission, Get-RecipientPermission, Get-Mailbox's GrantSendOnBehalfTo
// and Get-MailboxFolderPermission, which entries are explicit, and who each trustee is.

export type TRightKind = "FullAccess" | "SendAs" | "SendOnBehalf" | "Calendar";

export type TPermissionEntry = {
  kind: TRightKind;
  trustee: string; // as Exchange named it; what a removal sends
  inherited: boolean;
  // Granted on this mailbox to someone: neither inherited nor a built-in principal.
  explicit: boolean;
  rights: string[]; // the calendar role; empty for the other kinds
  flags: string | null; // the calendar's SharingPermissionFlags, in normal form
};

type TRaw = Record<string, unknown>;

// SELF, SYSTEM and other well-known accounts, orphaned SIDs, and the calendar's Default and
// Anonymous entries. None of them is a delegate, and neither is an entry naming nobody.
const BUILT_IN = /^(NT AUTHORITY\\|S-1-|Default$|Anonymous$)/i;

export function isBuiltInTrustee(name: string): boolean {
  return name.trim() === "" || BUILT_IN.test(name);
}

function toEntry(kind: TRightKind, trustee: string, inherited: boolean, rights: string[] = [], flags: string | null = null): TPermissionEntry {
  return { kind, trustee, inherited, explicit: !inherited && !isBuiltInTrustee(trustee), rights, flags };
}

// Granted entries only: denials, and entries for other rights (ReadPermission…), give no access.
export function toFullAccessEntries(raw: readonly TRaw[]): TPermissionEntry[] {
  return raw
    .filter((e) => toStringList(e.AccessRights).includes("FullAccess") && e.Deny !== true)
    .map((e) => toEntry("FullAccess", String(e.User ?? ""), e.IsInherited === true));
}

export function toSendAsEntries(raw: readonly TRaw[]): TPermissionEntry[] {
  return raw
    .filter((e) => toStringList(e.AccessRights).includes("SendAs") && e.AccessControlType !== "Deny")
    .map((e) => toEntry("SendAs", String(e.Trustee ?? ""), e.IsInherited === true));
}

export function toSendOnBehalfEntries(names: readonly string[]): TPermissionEntry[] {
  return names.map((name) => toEntry("SendOnBehalf", name, false));
}

// Folder permissions are never inherited; Default and Anonymous are built in.
export function toCalendarEntries(raw: readonly TRaw[]): TPermissionEntry[] {
  return raw.map((e) => toEntry("Calendar", String(e.User ?? ""), false, toStringList(e.AccessRights), normaliseSharingFlags(e.SharingPermissionFlags)));
}

// SharingPermissionFlags is a flags enum. Exchange answers "None" (the emulator null),
// "Delegate" or "Delegate, CanViewPrivateItems": the enum's order, ", " between (tests/emulator/README.md,
// the shared docs/exchange-admin-api.md), and accepts a string or a list in any order. The
// normal form is the one Exchange answers with, so what ExoDesk shows is what Exchange shows and
// two spellings of one set compare equal; null when there are none. A flag ExoDesk does not know
// is kept, after the known ones, rather than hidden.
const SHARING_FLAGS = ["Delegate", "CanViewPrivateItems"];

export function readSharingFlags(value: unknown): string[] {
  const given = toStringList(value)
    .join(",")
    .split(",")
    .map((f) => f.trim())
    .filter((f) => f && f !== "None");
  return [...SHARING_FLAGS.filter((f) => given.includes(f)), ...new Set(given.filter((f) => !SHARING_FLAGS.includes(f)))];
}

export function normaliseSharingFlags(value: unknown): string | null {
  return readSharingFlags(value).join(", ") || null;
}

// The person each trustee name stands for, or null: Exchange names a trustee by UPN in mailbox
// and recipient permissions, by name (or GUID) in GrantSendOnBehalfTo and by display name in
// folder permissions.
export type TTrusteeDirectory = { find(name: string): TRecipient | null };

// From a listing the caller already has (the report's one paged Get-Recipient), instead of a
// call per trustee. Addresses and UPNs identify one person; aliases and names may not, so they
// never override them, and a name two people share finds nobody.
export function createTrusteeDirectory(recipients: readonly TRecipient[]): TTrusteeDirectory {
  const strong = new Map<string, TRecipient | null>();
  const weak = new Map<string, TRecipient | null>();
  const add = (map: Map<string, TRecipient | null>, key: string | null, r: TRecipient) => {
    if (!key) return;
    const k = normaliseIdentity(key);
    const known = map.get(k);
    if (known === undefined) map.set(k, r);
    else if (known !== null && !sameIdentity(known.address, r.address)) map.set(k, null);
  };
  for (const r of recipients) {
    if (!r.address) continue;
    add(strong, r.address, r);
    add(strong, r.upn, r);
    add(weak, r.alias, r);
    add(weak, r.name, r);
    add(weak, r.displayName, r);
  }
  return {
    find(name) {
      const k = normaliseIdentity(name);
      return (strong.has(k) ? strong.get(k) : weak.get(k)) ?? null;
    },
  };
}

// From one Get-Recipient per name: the access page has a few trustees, among them groups and
// GUIDs that no listing of mailboxes holds. Names are looked up as they become known (a page
// reads its lists at different depths), each name once; the Exchange client's per-tenant limit
// bounds how many run at once. A trustee that no longer resolves (deleted user, orphaned SID)
// finds nobody.
export function createTrusteeLookup(ex: TExchange): { lookUp(names: readonly string[]): Promise<void>; directory: TTrusteeDirectory } {
  const asked = new Map<string, Promise<void>>();
  const found = new Map<string, TRecipient>();
  const ask = async (name: string) => {
    try {
      found.set(name, await getRecipient(ex, name));
    } catch (e) {
      if (!(e instanceof ExchangeError && e.kind === "not_found")) throw e;
    }
  };
  return {
    async lookUp(names) {
      await Promise.all(
        names.map((name) => {
          if (!asked.has(name)) asked.set(name, ask(name));
          return asked.get(name);
        }),
      );
    },
    directory: { find: (name) => found.get(name) ?? null },
  };
}

// A trustee as people read it: the directory's display name and address, or the name Exchange
// gave when the directory finds nobody.
export function nameTrustee(directory: TTrusteeDirectory, trustee: string): { displayName: string; address: string | null } {
  const person = directory.find(trustee);
  return { displayName: person?.displayName || trustee, address: person?.address || null };
}
