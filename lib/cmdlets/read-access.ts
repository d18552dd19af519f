import { ExchangeError } from "@/lib/exchange/errors";
import { findCalendarFolder } from "./calendar-permission";
import { toStringList } from "./delegate-params";
import { getMailbox } from "./read-mailbox";
import { readSendOnBehalfNames } from "./send-on-behalf";
import type { TExchange } from "@/lib/exchange/create-exchange";

// Everyone with a right on one mailbox, of every kind, each person shown the same way.
// Exchange names them differently per cmdlet (UPN for permissions, display name for
// SendOnBehalf and calendar entries), so every name is resolved to one directory entry.
export type TRightKind = "FullAccess" | "SendAs" | "SendOnBehalf" | "Calendar";

export type TAccessRow = {
  kind: TRightKind;
  trustee: string; // as Exchange reported it; what a removal sends
  displayName: string;
  address: string | null;
  detail: string;
  explicit: boolean; // false for inherited and built-in entries (SELF, Default, Anonymous)
};

export type TMailboxAccess = { rows: TAccessRow[]; calendarFolder: string | null };

const SYSTEM_TRUSTEES = /^(NT AUTHORITY\\|S-1-|Default$|Anonymous$)/i;
const RESOLVE_CONCURRENCY = 8;

type TRawRow = Omit<TAccessRow, "displayName" | "address">;

async function readCalendarRows(ex: TExchange, identity: string): Promise<{ folder: string | null; rows: TRawRow[] }> {
  const folder = await findCalendarFolder(ex, identity);
  const { value } = await ex.invoke("Get-MailboxFolderPermission", { Identity: folder });
  const rows = value.map((e): TRawRow => {
    const user = String(e.User ?? "");
    const flags = String(e.SharingPermissionFlags ?? "None");
    const rights = toStringList(e.AccessRights).join(", ");
    return { kind: "Calendar", trustee: user, detail: flags && flags !== "None" ? `${rights} (${flags})` : rights, explicit: !SYSTEM_TRUSTEES.test(user) };
  });
  return { folder, rows };
}

export async function readMailboxAccess(ex: TExchange, identity: string): Promise<TMailboxAccess> {
  const [fullAccess, sendAs, onBehalf, calendar] = await Promise.all([
    ex.invoke("Get-MailboxPermission", { Identity: identity }),
    ex.invoke("Get-RecipientPermission", { Identity: identity }),
    readSendOnBehalfNames(ex, identity),
    readCalendarRows(ex, identity),
  ]);
  const raw: TRawRow[] = [
    ...fullAccess.value
      .filter((e) => toStringList(e.AccessRights).includes("FullAccess") && e.Deny !== true)
      .map((e): TRawRow => {
        const user = String(e.User ?? "");
        return { kind: "FullAccess", trustee: user, detail: e.IsInherited === true ? "inherited" : "", explicit: e.IsInherited !== true && !SYSTEM_TRUSTEES.test(user) };
      }),
    ...sendAs.value
      .filter((e) => toStringList(e.AccessRights).includes("SendAs") && e.AccessControlType !== "Deny")
      .map((e): TRawRow => {
        const user = String(e.Trustee ?? "");
        return { kind: "SendAs", trustee: user, detail: e.IsInherited === true ? "inherited" : "", explicit: e.IsInherited !== true && !SYSTEM_TRUSTEES.test(user) };
      }),
    ...onBehalf.map((name): TRawRow => ({ kind: "SendOnBehalf", trustee: name, detail: "", explicit: true })),
    ...calendar.rows,
  ];
  const people = await resolvePeople(ex, raw.filter((r) => r.explicit).map((r) => r.trustee));
  const rows = raw.map((r) => ({ ...r, displayName: people.get(r.trustee)?.displayName ?? r.trustee, address: people.get(r.trustee)?.address ?? null }));
  rows.sort((a, b) => Number(b.explicit) - Number(a.explicit) || a.displayName.localeCompare(b.displayName) || a.kind.localeCompare(b.kind));
  return { rows, calendarFolder: calendar.folder };
}

async function resolvePeople(ex: TExchange, names: string[]): Promise<Map<string, { displayName: string; address: string }>> {
  const unique = [...new Set(names)];
  const found = new Map<string, { displayName: string; address: string }>();
  let next = 0;
  const worker = async () => {
    while (next < unique.length) {
      const name = unique[next++]!;
      try {
        const r = await getMailbox(ex, name);
        found.set(name, { displayName: r.displayName || name, address: r.address });
      } catch (e) {
        // A trustee that no longer resolves (deleted user, orphaned SID) is shown as Exchange named it.
        if (!(e instanceof ExchangeError && e.kind === "not_found")) throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(RESOLVE_CONCURRENCY, unique.length) }, worker));
  return found;
}
