import type { Mailbox, Tenant } from "../tenant/model";
import { mailboxesByKey } from "../tenant/mailbox-index";
import { cmdletErrors } from "./cmdlet-errors";

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

// Which mailboxes a caller can see: everything, or the caller's read scope (exchange/rbac.ts).
export type Visible = (m: Mailbox) => boolean;
const everything: Visible = () => true;

// The mailboxes an identity names: a GUID (object, Exchange or directory id), or the UPN,
// any SMTP address, alias, name or display name. Looked up by index, never by a scan.
export function matchMailboxes(tenant: Tenant, identity: string, visible: Visible = everything): Mailbox[] {
  const wanted = identity.trim().toLowerCase();
  const key = GUID.test(wanted) ? wanted.replace(/[{}]/g, "") : wanted;
  return mailboxesByKey(tenant, key).filter(visible);
}

// -Identity as Exchange resolves it. No match: NotFound (or the cmdlet's own not-found error);
// several: ambiguous. A mailbox outside the caller's read scope does not exist for them.
export function resolveMailbox(tenant: Tenant, identity: string, notFound = cmdletErrors.notFound, visible: Visible = everything): Mailbox {
  const matches = matchMailboxes(tenant, identity, visible);
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
