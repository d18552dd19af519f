import { sortAccessRows, type TAccessRow, type TRightAfterChange } from "./access-rows";
import { findCalendarFolder, type TCalendarState } from "./calendar-permission";
import type { TFullAccessState } from "./full-access";
import { createTrusteeLookup, nameTrustee, normaliseSharingFlags, toCalendarEntries, toFullAccessEntries, toSendAsEntries, toSendOnBehalfEntries, type TPermissionEntry, type TRightKind } from "./permission-entries";
import { getMailbox, readTogether, refuseOverlongIdentity, type TMailbox, type TRecipient } from "./read-mailbox";
import type { TSendAsState } from "./send-as";
import type { TSendOnBehalfState } from "./send-on-behalf";
import type { TExchange } from "@/lib/exchange/create-exchange";

// Everyone with a right on one mailbox, of every kind, each person shown the same way: every
// explicit trustee is looked up in the directory (permission-entries.ts).
export type TMailboxAccess = { mailbox: TMailbox; rows: TAccessRow[]; calendarFolder: string | null };

function describeEntry(e: Pick<TPermissionEntry, "kind" | "inherited" | "rights" | "flags">): string {
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
  return { mailbox: found, rows: sortAccessRows(rows), calendarFolder: calendar.folder };
}

// Whether `trustee` holds the right of `kind` after a change, from the change's read-back (the
// state its catalogue action reads), as a row of the page.
export function rightAfterChange(kind: TRightKind, after: unknown, trustee: TRecipient): TRightAfterChange {
  const state = after as Partial<TFullAccessState & TSendAsState & TSendOnBehalfState & TCalendarState>;
  const present = { FullAccess: state.fullAccess, SendAs: state.sendAs, SendOnBehalf: state.trusteeListed, Calendar: (state.accessRights?.length ?? 0) > 0 }[kind] === true;
  const detail = describeEntry({ kind, inherited: false, rights: state.accessRights ?? [], flags: normaliseSharingFlags(state.sharingPermissionFlags) });
  return { present, row: { kind, trustee: trustee.address, displayName: trustee.displayName || trustee.address, address: trustee.address, detail, explicit: true } };
}
