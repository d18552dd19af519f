import { findCalendarFolder } from "./calendar-permission";
import { createTrusteeLookup, nameTrustee, toCalendarEntries, toFullAccessEntries, toSendAsEntries, toSendOnBehalfEntries, type TPermissionEntry, type TRightKind } from "./permission-entries";
import { getMailbox, readTogether, refuseOverlongIdentity, type TMailbox } from "./read-mailbox";
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

export type TMailboxAccess = { mailbox: TMailbox; rows: TAccessRow[]; calendarFolder: string | null };

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

// Every read starts from the address in the URL, at once; each list's people are looked up as
// soon as the list arrives. The longest chain is the calendar's: its folder's name, then its
// permissions, then the people they name. Get-Mailbox gives both the page's header and the
// SendOnBehalf delegates.
export async function readMailboxAccess(ex: TExchange, identity: string): Promise<TMailboxAccess> {
  refuseOverlongIdentity(identity);
  const trustees = createTrusteeLookup(ex);
  const withPeople = async (entries: Promise<TPermissionEntry[]>) => {
    const listed = await entries;
    await trustees.lookUp(listed.filter((e) => e.explicit).map((e) => e.trustee));
    return listed;
  };
  const mailbox = getMailbox(ex, identity);
  const [found, fullAccess, sendAs, onBehalf, calendar] = await readTogether([
    mailbox,
    withPeople(ex.invoke("Get-MailboxPermission", { Identity: identity }).then((r) => toFullAccessEntries(r.value))),
    withPeople(ex.invoke("Get-RecipientPermission", { Identity: identity }).then((r) => toSendAsEntries(r.value))),
    withPeople(mailbox.then((m) => toSendOnBehalfEntries(m.sendOnBehalf))),
    readCalendar(ex, identity).then(async (c) => ({ folder: c.folder, entries: await withPeople(Promise.resolve(c.entries)) })),
  ] as const);
  const entries = [...fullAccess, ...sendAs, ...onBehalf, ...calendar.entries];
  const rows = entries.map((e): TAccessRow => ({ kind: e.kind, trustee: e.trustee, ...nameTrustee(trustees.directory, e.trustee), detail: describeEntry(e), explicit: e.explicit }));
  rows.sort((a, b) => Number(b.explicit) - Number(a.explicit) || a.displayName.localeCompare(b.displayName) || a.kind.localeCompare(b.kind));
  return { mailbox: found, rows, calendarFolder: calendar.folder };
}
