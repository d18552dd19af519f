import { createHash } from "node:crypto";
import type { InheritanceType, Mailbox, Tenant } from "../tenant/model";
import { mailboxByUpn } from "../tenant/mailbox-index";
import { resolveMailbox } from "./identity";

// Security principals as the permission cmdlets name them: mailboxes (shown by UPN), the
// well-known NT AUTHORITY\SELF, and the forest's system accounts that every mailbox inherits
// entries for.

export const SELF = "NT AUTHORITY\\SELF";
const SELF_SID = "S-1-5-10";
// The emulated tenant lives in this Exchange Online forest (see DOMAIN_CONTROLLER).
export const FOREST = "NAMPR01A001";

export function mailboxDn(tenant: Tenant, m: Mailbox): string {
  return `CN=${m.alias},OU=${tenant.domain},OU=Microsoft Exchange Hosted Organizations,DC=${FOREST},DC=PROD,DC=OUTLOOK,DC=COM`;
}

// The account name Exchange writes in ACE warnings ("NAMPR01A001\adele.vance").
export function accountName(m: Mailbox): string {
  return `${FOREST}\\${m.alias}`;
}

function sidPart(seed: string, offset: number): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(offset) % 4_000_000_000;
}

// A stable domain SID for the forest and a RID per principal: the same SIDs on every run.
function sidOf(name: string): string {
  const domain = `S-1-5-21-${sidPart(FOREST, 0)}-${sidPart(FOREST, 4)}-${sidPart(FOREST, 8)}`;
  return `${domain}-${1000 + (sidPart(name.toLowerCase(), 0) % 90_000_000)}`;
}

export function mailboxSid(m: Mailbox): string {
  return sidOf(m.externalDirectoryObjectId);
}

type SystemAce = { user: string; accessRights: string[]; deny: boolean };

const FULL_CONTROL = ["FullAccess", "DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"];
const ADMIN_GROUPS = ["Administrator", "Domain Admins", "Enterprise Admins", "Organization Management"].map((g) => `${FOREST}\\${g}`);

// The inherited entries every mailbox has (as Get-MailboxPermission's documentation lists
// them), after the explicit ones: denies first, then allows. The admins' allow entries seem to
// grant FullAccess, but their inherited denies override them.
const INHERITED: SystemAce[] = [
  ...ADMIN_GROUPS.map((user) => ({ user, accessRights: ["FullAccess"], deny: true })),
  { user: "NT AUTHORITY\\SYSTEM", accessRights: ["FullAccess"], deny: false },
  { user: "NT AUTHORITY\\NETWORK", accessRights: ["ReadPermission"], deny: false },
  ...ADMIN_GROUPS.map((user) => ({ user, accessRights: FULL_CONTROL, deny: false })),
  { user: `${FOREST}\\Exchange Servers`, accessRights: ["FullAccess", "ReadPermission"], deny: false },
  { user: `${FOREST}\\Exchange Trusted Subsystem`, accessRights: FULL_CONTROL.filter((r) => r !== "FullAccess"), deny: false },
  { user: `${FOREST}\\Managed Availability Servers`, accessRights: ["ReadPermission"], deny: false },
];

export type InheritedEntry = SystemAce & { isInherited: true; inheritanceType: InheritanceType };

export function inheritedMailboxEntries(): InheritedEntry[] {
  return INHERITED.map((a) => ({ ...a, accessRights: [...a.accessRights], isInherited: true, inheritanceType: "All" }));
}

const SYSTEM_NAMES = [...new Set(INHERITED.map((a) => a.user))];

// A resolved -User / -Trustee: `key` is how the entry is stored (lower-case UPN or the
// principal's name), `shown` how Exchange writes it back.
export type Principal = { key: string; shown: string; sid: string; account: string; mailbox: Mailbox | null };

function mailboxPrincipal(m: Mailbox): Principal {
  return { key: m.userPrincipalName.toLowerCase(), shown: m.userPrincipalName, sid: mailboxSid(m), account: accountName(m), mailbox: m };
}

function namedPrincipal(name: string): Principal {
  return { key: name, shown: name, sid: name === SELF ? SELF_SID : sidOf(name), account: name, mailbox: null };
}

// Accepts what SecurityPrincipalIdParameter accepts here: the well-known and system names,
// SIDs, and every mailbox identity form. Unknown: ManagementObjectNotFoundException.
export function resolvePrincipal(tenant: Tenant, identity: string): Principal {
  const wanted = identity.trim().toLowerCase();
  if (wanted === SELF.toLowerCase() || wanted === SELF_SID) return namedPrincipal(SELF);
  const system = SYSTEM_NAMES.find((n) => n.toLowerCase() === wanted || sidOf(n).toLowerCase() === wanted);
  if (system) return namedPrincipal(system);
  if (wanted.startsWith("s-1-5-21-")) {
    const bySid = tenant.mailboxes.find((m) => mailboxSid(m).toLowerCase() === wanted);
    if (bySid) return mailboxPrincipal(bySid);
  }
  return mailboxPrincipal(resolveMailbox(tenant, identity));
}

// A stored trustee key back to a principal (mailboxes may have been renamed; keys are UPNs).
export function principalOfKey(tenant: Tenant, key: string): Principal {
  const m = mailboxByUpn(tenant, key);
  return m ? mailboxPrincipal(m) : namedPrincipal(key);
}
