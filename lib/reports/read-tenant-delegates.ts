import { toStringList } from "@/lib/cmdlets/delegate-params";
import { createTrusteeDirectory, type TTrusteeDirectory } from "@/lib/cmdlets/permission-entries";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { normaliseIdentity } from "@/lib/exchange/identity";

// What the report reads once for the whole tenant instead of once per mailbox: every SendAs
// entry (Get-RecipientPermission without Identity) and every mailbox's GrantSendOnBehalfTo
// (Get-Mailbox over all mailboxes), both paged by the client through @odata.nextLink, plus the
// listing that names each delegate by address. Taken at one moment: a build reads it when it
// starts (a resumed build too) and again once it is older than the build allows, so a row never
// joins these entries to per-mailbox reads made long after them (build-report.ts).

type TRaw = Record<string, unknown>;

export type TTenantDelegates = {
  readAt: number; // Date.now() when the reads started
  directory: TTrusteeDirectory;
  // The mailbox's raw Get-RecipientPermission entries, or null when the tenant-wide answer
  // cannot be told apart from another mailbox's (its Name is missing or shared): then the
  // mailbox is read on its own.
  sendAsOf(address: string): TRaw[] | null;
  // The mailbox's GrantSendOnBehalfTo names, or null when Get-Mailbox did not list it.
  sendOnBehalfOf(address: string): string[] | null;
};

const MAILBOX_FIELDS = ["Name", "PrimarySmtpAddress", "GrantSendOnBehalfTo"];

export async function readTenantDelegates(ex: TExchange, mailboxes: readonly TRecipient[], now = Date.now()): Promise<TTenantDelegates> {
  const [permissions, listed] = await Promise.all([
    ex.invoke("Get-RecipientPermission", { ResultSize: "Unlimited" }),
    ex.invoke("Get-Mailbox", { ResultSize: "Unlimited" }, { select: MAILBOX_FIELDS }),
  ]);
  const find = createMailboxFinder(mailboxes);
  const sendAs = new Map<string, TRaw[]>();
  for (const entry of permissions.value) {
    const address = find(String(entry.Identity ?? ""));
    if (address === null) continue; // a group, a mail user, or a mailbox outside the listing
    const list = sendAs.get(address) ?? [];
    list.push(entry);
    sendAs.set(address, list);
  }
  const onBehalf = new Map<string, string[]>();
  for (const m of listed.value) {
    const address = find(String(m.PrimarySmtpAddress ?? "")) ?? find(String(m.Name ?? ""));
    if (address !== null) onBehalf.set(address, toStringList(m.GrantSendOnBehalfTo));
  }
  const unattributable = namesNotUnique(mailboxes);
  return {
    readAt: now,
    directory: createTrusteeDirectory(mailboxes),
    sendAsOf: (address) => {
      const key = normaliseIdentity(address);
      return unattributable.has(key) ? null : (sendAs.get(key) ?? []);
    },
    sendOnBehalfOf: (address) => onBehalf.get(normaliseIdentity(address)) ?? null,
  };
}

// Get-RecipientPermission names the recipient in `Identity`, by its Name as public scripts read it;
// in current tenants that is often the directory object id, nothing like the address
// (tests/emulator/README.md).
// Names are unique in an Exchange Online organisation, so the Name decides; an address or UPN
// is accepted too. Not an alias: a group's Name may be another mailbox's alias, and an entry
// given to the wrong mailbox is worse than one read again. A key two listed mailboxes share
// finds nobody. Returns the listed mailbox's address in normal form.
function createMailboxFinder(mailboxes: readonly TRecipient[]): (identity: string) => string | null {
  const byName = new Map<string, string | null>();
  const byAddress = new Map<string, string | null>();
  const add = (map: Map<string, string | null>, key: string | null, address: string) => {
    if (!key) return;
    const k = normaliseIdentity(key);
    const known = map.get(k);
    map.set(k, known === undefined || known === address ? address : null);
  };
  for (const m of mailboxes) {
    if (!m.address) continue;
    const address = normaliseIdentity(m.address);
    add(byName, m.name, address);
    add(byAddress, m.address, address);
    add(byAddress, m.upn, address);
  }
  return (identity) => {
    const k = normaliseIdentity(identity);
    if (k === "") return null;
    for (const map of [byName, byAddress]) if (map.has(k)) return map.get(k) ?? null;
    return null;
  };
}

// Mailboxes whose SendAs entries the tenant-wide answer cannot attribute: no Name, or a Name
// another listed mailbox shares (Exchange Online does not allow it; a listing taken mid-rename might).
function namesNotUnique(mailboxes: readonly TRecipient[]): Set<string> {
  const count = new Map<string, number>();
  for (const m of mailboxes) if (m.name) count.set(normaliseIdentity(m.name), (count.get(normaliseIdentity(m.name)) ?? 0) + 1);
  return new Set(mailboxes.filter((m) => m.address && (!m.name || count.get(normaliseIdentity(m.name))! > 1)).map((m) => normaliseIdentity(m.address)));
}
