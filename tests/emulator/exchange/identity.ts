import type { Mailbox, Tenant } from "../tenant/model";
import { cmdletErrors } from "./cmdlet-errors";

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

// The mailboxes an identity names: a GUID (object, Exchange or directory id), or the UPN,
// any SMTP address, alias, name or display name.
export function matchMailboxes(tenant: Tenant, identity: string): Mailbox[] {
  const wanted = identity.trim().toLowerCase();
  if (GUID.test(wanted)) {
    const g = wanted.replace(/[{}]/g, "");
    return tenant.mailboxes.filter((m) => m.guid === g || m.exchangeGuid === g || m.externalDirectoryObjectId === g);
  }
  return tenant.mailboxes.filter(
    (m) =>
      m.userPrincipalName.toLowerCase() === wanted ||
      m.alias.toLowerCase() === wanted ||
      m.name.toLowerCase() === wanted ||
      m.displayName.toLowerCase() === wanted ||
      m.emailAddresses.some((a) => a.slice(a.indexOf(":") + 1).toLowerCase() === wanted),
  );
}

// -Identity as Exchange resolves it. No match: NotFound (or the cmdlet's own not-found error);
// several: ambiguous.
export function resolveMailbox(tenant: Tenant, identity: string, notFound = cmdletErrors.notFound): Mailbox {
  const matches = matchMailboxes(tenant, identity);
  if (matches.length === 0) throw notFound(identity);
  if (matches.length > 1) throw cmdletErrors.ambiguous(identity);
  return matches[0]!;
}

// Ambiguous name resolution (-Anr): a prefix of the display name, first or last name,
// "first last" / "last first", alias, name, UPN or any SMTP address.
export function anrMatches(m: Mailbox, anr: string): boolean {
  const q = anr.trim().toLowerCase();
  if (!q) return false;
  const candidates = [
    m.displayName,
    m.name,
    m.firstName,
    m.lastName,
    m.alias,
    m.userPrincipalName,
    `${m.firstName} ${m.lastName}`,
    `${m.lastName} ${m.firstName}`,
    ...m.emailAddresses.map((a) => a.slice(a.indexOf(":") + 1)),
  ];
  return candidates.some((c) => c.trim() !== "" && c.toLowerCase().startsWith(q));
}
