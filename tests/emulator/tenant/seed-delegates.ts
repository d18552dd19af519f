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

function trusteeSeed(i: number): SeedRecipient {
  const first = FIRST[i % FIRST.length]!;
  const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
  return {
    alias: `${first}.${last}`.toLowerCase(),
    first,
    last,
    type: "UserMailbox",
    department: DEPARTMENTS[i % DEPARTMENTS.length]!,
    title: "Specialist",
    office: "Remote",
    timeZone: "W. Europe Standard Time",
    language: "en-GB",
  };
}

function trusteeMailbox(tenant: Tenant, i: number): { mailbox: Mailbox; created: boolean } {
  const seed = trusteeSeed(i);
  const existing = tenant.mailboxes.find((m) => m.alias === seed.alias);
  if (existing) return { mailbox: existing, created: false };
  const mailbox = mailboxOf(seed, DEMO_USER_SEED.length + RECIPIENT_SEED.length + i);
  tenant.mailboxes.push(mailbox);
  return { mailbox, created: true };
}

export const MAX_SEEDED_MAILBOXES = FIRST.length * LAST.length;

// Adds the first `count` generated user mailboxes (the same ones seedDelegates uses as
// trustees), for tests that need many independent targets. Repeating it adds nothing.
export function seedMailboxes(tenant: Tenant, count: number): { created: number; mailboxes: string[] } {
  let created = 0;
  const mailboxes: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = trusteeMailbox(tenant, i);
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
  for (let i = 0, n = 0; n < count; i++) {
    const { mailbox, created } = trusteeMailbox(tenant, i);
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
