import { stableGuid } from "../ids";
import type { AutoReplyConfig, DirectoryUser, Mailbox, RegionalConfig, Tenant } from "./model";
import { toStoredOofMessage } from "./oof-message";
import { createGuestUsers } from "./seed-guests";
import { DELEGATION_SEED, DEMO_USER_SEED, RECIPIENT_SEED, type SeedRecipient } from "./seed-people";

export const DEMO_TENANT_ID = "4f3a9c1e-8b2d-4e67-a5f0-93c1d2b7e845";
export const DEMO_TENANT_DOMAIN = "contoso.onmicrosoft.com";
export const DEMO_TENANT_NAME = "Contoso";

export function upnOf(alias: string): string {
  return `${alias}@${DEMO_TENANT_DOMAIN}`;
}

// The people the sign-in page offers, by what they are for.
export const DEMO_USERS = {
  helpdesk: upnOf("helpdesk"),
  scopedHelpdesk: upnOf("scoped.helpdesk"), // reads and writes only Department "Sales" (a Sales unit scope)
  writeScopeHelpdesk: upnOf("writescope.helpdesk"), // reads everything, writes only to Department "Sales"
  approver: upnOf("approver"),
  auditor: upnOf("auditor"),
  admin: upnOf("admin"),
  norole: upnOf("norole"),
  noexchange: upnOf("noexchange"),
  guestHelpdesk: `alex_fabrikam.com#EXT#@${DEMO_TENANT_DOMAIN}`, // a B2B guest: home tenant Fabrikam (seed-guests.ts)
} as const;

// Mailboxes tests can name. All of RECIPIENT_SEED is also exported for enumeration.
export const SEED_MAILBOXES = {
  adeleVance: upnOf("adele.vance"), // Sales, W. Europe Standard Time, de-DE: calendar folder "Kalender"
  meganBowen: upnOf("megan.bowen"), // Marketing, Pacific Standard Time, en-US
  christieCline: upnOf("christie.cline"), // Sales, auto-reply Enabled (All)
  emilyBraun: upnOf("emily.braun"), // Finance, auto-reply Scheduled in 2030
  pradeepGupta: upnOf("pradeep.gupta"), // Finance, Scheduled with a past end
  yukiTanaka: upnOf("yuki.tanaka"), // Sales, Tokyo Standard Time, ja-JP
  oliviaMartin: upnOf("olivia.martin"), // Finance, no regional configuration yet
  chloeDubois: upnOf("chloe.dubois"), // Marketing, fr-FR: calendar folder "Calendrier"
  salesShared: upnOf("sales.shared"), // SharedMailbox, Sales, auto-reply Enabled, FullAccess and SendAs delegates
  confRoom1: upnOf("conf.room1"), // RoomMailbox
} as const;

export { DEMO_USER_SEED, RECIPIENT_SEED };

const DISABLED_START = "2025-06-02T09:00:00Z";
const DISABLED_END = "2025-06-03T09:00:00Z";
// Entra's "User" directory role template id, present in every member's token.
const WID_USER = "b79fbf4d-3ef9-4689-8143-76b194e85509";
const WID_EXCHANGE_ADMIN = "29232cdf-9323-42fd-ade2-1d097af3e4de";

const FORMATS: Record<string, [date: string, time: string]> = {
  "en-US": ["M/d/yyyy", "h:mm tt"],
  "en-GB": ["dd/MM/yyyy", "HH:mm"],
  "en-IE": ["dd/MM/yyyy", "HH:mm"],
  "en-AU": ["d/MM/yyyy", "h:mm tt"],
  "en-IN": ["dd-MM-yyyy", "HH:mm"],
  "de-DE": ["dd.MM.yyyy", "HH:mm"],
  "fr-FR": ["dd/MM/yyyy", "HH:mm"],
  "it-IT": ["dd/MM/yyyy", "HH:mm"],
  "es-ES": ["dd/MM/yyyy", "H:mm"],
  "nl-NL": ["d-M-yyyy", "HH:mm"],
  "pt-BR": ["dd/MM/yyyy", "HH:mm"],
  "ja-JP": ["yyyy/MM/dd", "H:mm"],
  "vi-VN": ["dd/MM/yyyy", "HH:mm"],
};

// The calendar folder carries the mailbox language's name.
const CALENDAR_NAMES: Record<string, string> = {
  de: "Kalender",
  fr: "Calendrier",
  it: "Calendario",
  es: "Calendario",
  nl: "Agenda",
  pt: "Calendário",
  ja: "予定表",
  vi: "Lịch",
};

function regionalOf(seed: SeedRecipient): RegionalConfig {
  const formats = seed.language ? FORMATS[seed.language] : undefined;
  return {
    timeZone: seed.timeZone,
    language: seed.language,
    dateFormat: formats?.[0] ?? null,
    timeFormat: formats?.[1] ?? null,
  };
}

function autoReplyOf(seed: SeedRecipient): AutoReplyConfig {
  const a = seed.autoReply;
  return {
    autoReplyState: a?.state ?? "Disabled",
    startTime: new Date(a?.start ?? DISABLED_START),
    endTime: new Date(a?.end ?? DISABLED_END),
    internalMessage: toStoredOofMessage(a?.internal ?? null),
    externalMessage: toStoredOofMessage(a?.external ?? null),
    externalAudience: a?.audience ?? "All",
    autoDeclineFutureRequestsWhenOOF: false,
    createOOFEvent: false,
    declineAllEventsForScheduledOOF: false,
    declineEventsForScheduledOOF: false,
    declineMeetingMessage: null,
    oofEventSubject: null,
  };
}

export function mailboxOf(seed: SeedRecipient, index: number): Mailbox {
  const upn = upnOf(seed.alias);
  const displayName = seed.displayName ?? `${seed.first} ${seed.last}`;
  const created = new Date(Date.UTC(2023, 2, 1, 9, 30) + index * 3 * 86_400_000 + index * 437_000);
  const isRoom = seed.type === "RoomMailbox" || seed.type === "EquipmentMailbox";
  return {
    guid: stableGuid(`contoso/${seed.alias}/guid`),
    exchangeGuid: stableGuid(`contoso/${seed.alias}/exchange-guid`),
    externalDirectoryObjectId: stableGuid(`contoso/${seed.alias}/oid`),
    name: displayName,
    displayName,
    firstName: seed.first,
    lastName: seed.last,
    alias: seed.alias,
    userPrincipalName: upn,
    primarySmtpAddress: upn,
    emailAddresses: [`SMTP:${upn}`, `smtp:${seed.alias}@contoso.mail.onmicrosoft.com`],
    recipientTypeDetails: seed.type,
    department: seed.department,
    title: seed.title,
    office: seed.office,
    grantSendOnBehalfTo: [],
    whenCreated: created,
    whenChanged: new Date(created.getTime() + 40 * 86_400_000),
    autoReply: autoReplyOf(seed),
    regional: regionalOf(seed),
    mailboxPermissions: [
      { user: "NT AUTHORITY\\SELF", accessRights: ["FullAccess", "ReadPermission"], isInherited: false, deny: false, inheritanceType: "All", autoMapping: false },
    ],
    recipientPermissions: [
      { trustee: "NT AUTHORITY\\SELF", accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None" },
    ],
    calendar: {
      name: CALENDAR_NAMES[(seed.language ?? "en").slice(0, 2)] ?? "Calendar",
      permissions: [
        { user: "Default", accessRights: [isRoom ? "LimitedDetails" : "AvailabilityOnly"], sharingPermissionFlags: null },
        { user: "Anonymous", accessRights: ["None"], sharingPermissionFlags: null },
      ],
    },
  };
}

function applyDelegations(mailboxes: Mailbox[]): void {
  const byAlias = (alias: string): Mailbox => {
    const m = mailboxes.find((x) => x.alias === alias);
    if (!m) throw new Error(`seed delegation names unknown mailbox ${alias}`);
    return m;
  };
  for (const d of DELEGATION_SEED.fullAccess) {
    byAlias(d.mailbox).mailboxPermissions.push({
      user: upnOf(d.user),
      accessRights: ["FullAccess"],
      isInherited: false,
      deny: false,
      inheritanceType: "All",
      autoMapping: true,
    });
  }
  for (const d of DELEGATION_SEED.sendAs) {
    byAlias(d.mailbox).recipientPermissions.push({
      trustee: upnOf(d.trustee),
      accessControlType: "Allow",
      accessRights: ["SendAs"],
      isInherited: false,
      inheritanceType: "None",
    });
  }
  for (const d of DELEGATION_SEED.sendOnBehalf) byAlias(d.mailbox).grantSendOnBehalfTo.push(upnOf(d.delegate));
  for (const d of DELEGATION_SEED.calendar) {
    byAlias(d.mailbox).calendar.permissions.push({
      user: upnOf(d.user),
      accessRights: [...d.accessRights],
      sharingPermissionFlags: d.sharingPermissionFlags,
    });
  }
}

// A fresh copy of the demo tenant: every call returns new objects, so a reset discards all
// changes made through the API.
export function createDemoTenant(): Tenant {
  const all = [...DEMO_USER_SEED, ...RECIPIENT_SEED];
  const mailboxes = all.map(mailboxOf);
  applyDelegations(mailboxes);
  const users: DirectoryUser[] = [];
  for (const seed of all) {
    if (seed.type !== "UserMailbox") continue; // shared and resource accounts cannot sign in
    const mailbox = mailboxes.find((m) => m.alias === seed.alias)!;
    const demo = DEMO_USER_SEED.find((d) => d.alias === seed.alias);
    users.push({
      oid: mailbox.externalDirectoryObjectId,
      userPrincipalName: mailbox.userPrincipalName,
      displayName: mailbox.displayName,
      givenName: seed.first,
      surname: seed.last,
      appRoles: demo ? [...demo.appRoles] : [],
      roleGroups: demo ? [...demo.roleGroups] : [],
      readScope: demo?.readScope ? { ...demo.readScope } : null,
      writeScope: demo?.writeScope ? { ...demo.writeScope } : null,
      wids: demo?.roleGroups.includes("Organization Management") ? [WID_EXCHANGE_ADMIN, WID_USER] : [WID_USER],
    });
  }
  users.push(...createGuestUsers(DEMO_TENANT_DOMAIN));
  return { tenantId: DEMO_TENANT_ID, domain: DEMO_TENANT_DOMAIN, displayName: DEMO_TENANT_NAME, users, mailboxes };
}
