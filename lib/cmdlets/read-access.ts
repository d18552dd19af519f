import { findCalendarFolder } from "./calendar-permission";
import { lookUpTrustees, nameTrustee, toCalendarEntries, toFullAccessEntries, toSendAsEntries, toSendOnBehalfEntries, type TPermissionEntry, type TRightKind } from "./permission-entries";
import { readSendOnBehalfNames } from "./send-on-behalf";
import type { TExchange } from "@/lib/exchange/create-exchange";

// Everyone with a right on one mailbox, of every kind, each person shown the same way: every
// explicit trustee is looked up in the directory (permission-entries.ts).
export type TAccessRow = {
  kind: TRightKind;
  trustee: string; // as Exchange reported it; what a removal sends
  displayName: string;
  address: string | null;
  detail: string;
  explicit: boolean; // false for inherited and built-in entries (SELF, Default, Anonymous)
};

// The page's forms name the kinds too; they import them from here.

export type TMailboxAccess = { rows: TAccessRow[]; calendarFolder: string | null };

function describeEntry(e: TPermissionEntry): string {
  if (e.kind !== "Calendar") return e.inherited ? "inherited" : "";
  const rights = e.rights.join(", ");
  return e.flags ? `${rights} (${e.flags})` : rights;
}

async function readCalendar(ex: TExchange, identity: string): Promise<{ folder: string; entries: TPermissionEntry[] }> {
  const folder = await findCalendarFolder(ex, identity);
  const { value } = await ex.invoke("Get-MailboxFolderPermission", { Identity: folder });
  return { folder, entries: toCalendarEntries(value) };
}

export async function readMailboxAccess(ex: TExchange, identity: string): Promise<TMailboxAccess> {
  const [fullAccess, sendAs, onBehalf, calendar] = await Promise.all([
    ex.invoke("Get-MailboxPermission", { Identity: identity }),
    ex.invoke("Get-RecipientPermission", { Identity: identity }),
    readSendOnBehalfNames(ex, identity),
    readCalendar(ex, identity),
  ]);
  const entries = [...toFullAccessEntries(fullAccess.value), ...toSendAsEntries(sendAs.value), ...toSendOnBehalfEntries(onBehalf), ...calendar.entries];
  const directory = await lookUpTrustees(ex, entries.filter((e) => e.explicit).map((e) => e.trustee));
  const rows = entries.map((e): TAccessRow => ({ kind: e.kind, trustee: e.trustee, ...nameTrustee(directory, e.trustee), detail: describeEntry(e), explicit: e.explicit }));
  rows.sort((a, b) => Number(b.explicit) - Number(a.explicit) || a.displayName.localeCompare(b.displayName) || a.kind.localeCompare(b.kind));
  return { rows, calendarFolder: calendar.folder };
}
