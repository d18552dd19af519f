import type { Mailbox, Tenant } from "./model";
import { DEMO_USER_SEED, RECIPIENT_SEED, type SeedRecipient } from "./seed-people";
import { mailboxOf, upnOf } from "./seed";

// Gives one mailbox many delegates of every kind (for the access page's benchmark). The
// trustees are extra user mailboxes with generated names, the same on every run; calling it
// again adds nothing that is already there.

export const MAX_SEEDED_DELEGATES = 1000;

const FIRST = ["Aaron", "Bianca", "Carlos", "Dana", "Elif", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Kira", "Leon", "Maya", "Nils", "Olga", "Pavel", "Rosa", "Samir", "Tara", "Viktor"];
const LAST = [
  "Abbott", "Baker", "Carter", "Dalton", "Ellis", "Foster", "Garner", "Hayes", "Irwin", "Jensen", "Keller", "Lambert", "Moreno", "Nolan", "Ortega",
  "Price", "Quinn", "Ramsey", "Sutton", "Turner", "Underwood", "Vaughn", "Walsh", "Xu", "Young", "Zimmer", "Adler", "Brandt", "Costa", "Duarte",
  "Engel", "Fischer", "Greco", "Horvat", "Ibarra", "Jovanovic", "Kowalski", "Lindqvist", "Moretti", "Novak", "Olsen", "Petrov", "Rahman", "Sato",
  "Takahashi", "Ueda", "Varga", "Weber", "Yilmaz", "Zhou",
];
const DEPARTMENTS = ["Sales", "Marketing", "Finance", "Engineering", "Operations", "HR", "Legal"];
const CALENDAR_GRANTS: { accessRights: string[]; sharingPermissionFlags: string | null }[] = [
  { accessRights: ["Reviewer"], sharingPermissionFlags: null },
  { accessRights: ["Editor"], sharingPermissionFlags: "Delegate" },
  { accessRights: ["LimitedDetails"], sharingPermissionFlags: null },
  { accessRights: ["Editor"], sharingPermissionFlags: "Delegate, CanViewPrivateItems" },
  { accessRights: ["Author"], sharingPermissionFlags: null },
];

// Middle initials give names past the first FIRST × LAST: "Aaron B. Abbott" after "Aaron Abbott".
const INITIALS = "ABCDEFGHJKLMNPRSTVW";
const NAMES_PER_ROUND = FIRST.length * LAST.length;
export const MAX_SEEDED_MAILBOXES = NAMES_PER_ROUND * (1 + INITIALS.length);

// Generated person number i, the same on every run and unique up to MAX_SEEDED_MAILBOXES.
export function generatedPerson(i: number): { alias: string; first: string; last: string; displayName: string } {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  const round = Math.floor(i / NAMES_PER_ROUND);
  if (round === 0) return { alias: `${first}.${last}`.toLowerCase(), first, last, displayName: `${first} ${last}` };
  const initial = INITIALS[(round - 1) % INITIALS.length]!;
  return { alias: `${first}.${initial}.${last}`.toLowerCase(), first, last, displayName: `${first} ${initial}. ${last}` };
}

// Since 2022-23 Exchange Online names new mailboxes by their directory object id (MC365786), so
// current tenants list such people by GUID wherever Exchange shows names (GrantSendOnBehalfTo,
// Identity). Every third generated mailbox is named so; the others keep their display name.
export const hasGuidName = (i: number) => i % 3 === 2;

export function nameByDirectoryId(m: Mailbox): Mailbox {
  m.name = m.externalDirectoryObjectId;
  return m;
}

// Mailbox i of the generated ones is created as number (demo mailboxes + i), for its dates.
export const generatedMailboxNumber = (i: number) => DEMO_USER_SEED.length + RECIPIENT_SEED.length + i;

function trusteeSeed(i: number): SeedRecipient {
  return {
    ...generatedPerson(i),
    type: "UserMailbox",
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    title: "Specialist",
    office: "Remote",
    timeZone: "W. Europe Standard Time",
    language: "en-GB",
  };
}

// The tenant's mailboxes by alias, for seeding many at once without a scan per mailbox.
export function aliasMap(tenant: Tenant): Map<string, Mailbox> {
  return new Map(tenant.mailboxes.map((m) => [m.alias, m]));
}

function trusteeMailbox(tenant: Tenant, byAlias: Map<string, Mailbox>, i: number): { mailbox: Mailbox; created: boolean } {
  const seed = trusteeSeed(i);
  const existing = byAlias.get(seed.alias);
  if (existing) return { mailbox: existing, created: false };
  const mailbox = mailboxOf(seed, generatedMailboxNumber(i));
  if (hasGuidName(i)) nameByDirectoryId(mailbox);
  tenant.mailboxes.push(mailbox);
  byAlias.set(seed.alias, mailbox);
  return { mailbox, created: true };
}

// Adds the first `count` generated user mailboxes (the same ones seedDelegates uses as
// trustees), for tests that need many independent targets. Repeating it adds nothing.
export function seedMailboxes(tenant: Tenant, count: number): { created: number; mailboxes: string[] } {
  const byAlias = aliasMap(tenant);
  let created = 0;
  const mailboxes: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = trusteeMailbox(tenant, byAlias, i);
    if (t.created) created++;
    mailboxes.push(t.mailbox.userPrincipalName);
  }
  return { created, mailboxes };
}

export type SeedDelegatesResult = {
  mailbox: string;
  delegates: number;
  added: { fullAccess: number; sendAs: number; sendOnBehalf: number; calendar: number };
  createdMailboxes: number;
};

// Delegate n gets one right, by turns: FullAccess (AutoMapping alternating), SendAs,
// SendOnBehalf, a calendar role.
export function seedDelegates(tenant: Tenant, target: Mailbox, count: number): SeedDelegatesResult {
  const result: SeedDelegatesResult = {
    mailbox: target.userPrincipalName,
    delegates: count,
    added: { fullAccess: 0, sendAs: 0, sendOnBehalf: 0, calendar: 0 },
    createdMailboxes: 0,
  };
  const byAlias = aliasMap(tenant);
  for (let i = 0, n = 0; n < count; i++) {
    const { mailbox, created } = trusteeMailbox(tenant, byAlias, i);
    if (created) result.createdMailboxes++;
    if (mailbox === target) continue;
    const key = upnOf(mailbox.alias);
    switch (n % 4) {
      case 0:
        if (!target.mailboxPermissions.some((e) => e.user === key)) {
          target.mailboxPermissions.push({ user: key, accessRights: ["FullAccess"], isInherited: false, deny: false, inheritanceType: "All", autoMapping: n % 8 === 0 });
          result.added.fullAccess++;
        }
        break;
      case 1:
        if (!target.recipientPermissions.some((e) => e.trustee === key)) {
          target.recipientPermissions.push({ trustee: key, accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None" });
          result.added.sendAs++;
        }
        break;
      case 2:
        if (!target.grantSendOnBehalfTo.includes(key)) {
          target.grantSendOnBehalfTo.push(key);
          result.added.sendOnBehalf++;
        }
        break;
      default:
        if (!target.calendar.permissions.some((e) => e.user === key)) {
          const grant = CALENDAR_GRANTS[Math.floor(n / 4) % CALENDAR_GRANTS.length]!;
          target.calendar.permissions.push({ user: key, accessRights: [...grant.accessRights], sharingPermissionFlags: grant.sharingPermissionFlags });
          result.added.calendar++;
        }
    }
    n++;
  }
  return result;
}
