import type { Mailbox, Tenant } from "./model";

// Lookups by every identity form (GUIDs, UPN, alias, name, display name, SMTP addresses), so a
// per-mailbox cmdlet finds its target in a 10,000-mailbox tenant without scanning it. Mailboxes
// are only ever added (seeding), and nothing the emulator models renames them or changes their
// addresses, so an index is still good while the number of mailboxes is unchanged.

type Index = { size: number; byKey: Map<string, Mailbox[]> };

const indexes = new WeakMap<Tenant, Index>();

export function identityKeys(m: Mailbox): string[] {
  return [
    m.guid,
    m.exchangeGuid,
    m.externalDirectoryObjectId,
    m.userPrincipalName,
    m.alias,
    m.name,
    m.displayName,
    ...m.emailAddresses.map((a) => a.slice(a.indexOf(":") + 1)),
  ].map((k) => k.toLowerCase());
}

function build(tenant: Tenant): Index {
  const byKey = new Map<string, Mailbox[]>();
  for (const m of tenant.mailboxes) {
    for (const key of new Set(identityKeys(m))) {
      const list = byKey.get(key);
      if (list) list.push(m);
      else byKey.set(key, [m]);
    }
  }
  return { size: tenant.mailboxes.length, byKey };
}

// The mailboxes one identity key (already lower case, GUIDs without braces) names.
export function mailboxesByKey(tenant: Tenant, key: string): Mailbox[] {
  let index = indexes.get(tenant);
  if (!index || index.size !== tenant.mailboxes.length) {
    index = build(tenant);
    indexes.set(tenant, index);
  }
  return index.byKey.get(key) ?? [];
}

// A stored trustee key (a lower-case UPN) back to its mailbox.
export function mailboxByUpn(tenant: Tenant, upn: string): Mailbox | undefined {
  return mailboxesByKey(tenant, upn.toLowerCase()).find((m) => m.userPrincipalName.toLowerCase() === upn.toLowerCase());
}
