import { mailboxesByKey } from "./mailbox-index";

// The in-memory Microsoft 365 tenant: directory users (who can sign in, with app roles and
// Exchange role groups) and Exchange recipients (mailboxes with their settings).

export type AppRole = "ExoDesk.Helpdesk" | "ExoDesk.Approver" | "ExoDesk.Auditor" | "ExoDesk.Admin";

export type RoleGroup = "Organization Management" | "Recipient Management" | "View-Only Organization Management";

// A management scope on a role assignment. A custom write scope is written as a
// RecipientRestrictionFilter; the emulator evaluates the one form it needs,
// Department -eq '<value>', and models an organisational unit by the same department rule.
export type ManagementScope = { name: string; recipientRestrictionFilter: string; department: string };

// A B2B guest's identity in their own (home) tenant. Entra's client_info names this one
// (uid/utid); the tokens our tenant issues name the guest object in our tenant (oid/tid).
export type HomeIdentity = { oid: string; tenantId: string; userPrincipalName: string };

export type DirectoryUser = {
  oid: string; // = the mailbox's ExternalDirectoryObjectId
  userPrincipalName: string;
  displayName: string;
  givenName: string;
  surname: string;
  appRoles: AppRole[];
  roleGroups: RoleGroup[];
  readScope: ManagementScope | null; // null = organisation-wide
  writeScope: ManagementScope | null; // null = organisation-wide
  wids: string[]; // Entra directory role template ids in the token
  home?: HomeIdentity; // set for guests only
};

export type RecipientTypeDetails = "UserMailbox" | "SharedMailbox" | "RoomMailbox" | "EquipmentMailbox";

export type AutoReplyState = "Enabled" | "Disabled" | "Scheduled";
export type ExternalAudience = "None" | "Known" | "All";

export type AutoReplyConfig = {
  autoReplyState: AutoReplyState;
  startTime: Date; // stored in UTC, as Exchange does
  endTime: Date;
  internalMessage: string | null;
  externalMessage: string | null;
  externalAudience: ExternalAudience;
  autoDeclineFutureRequestsWhenOOF: boolean;
  createOOFEvent: boolean;
  declineAllEventsForScheduledOOF: boolean;
  declineEventsForScheduledOOF: boolean;
  declineMeetingMessage: string | null;
  oofEventSubject: string | null;
};

// Unset until the owner first opens Outlook on the web: then all four are null.
export type RegionalConfig = {
  timeZone: string | null; // Windows time zone id, e.g. "W. Europe Standard Time"
  language: string | null; // culture name, e.g. "de-DE"
  dateFormat: string | null;
  timeFormat: string | null;
};

// Delegation data for the permission cmdlets. Trustees are UPNs (lower case) or the
// well-known principals "NT AUTHORITY\SELF", "Default", "Anonymous". Only explicit entries are
// stored; the inherited system entries Get-MailboxPermission also lists are the same for every
// mailbox (exchange/principals.ts).
export type InheritanceType = "None" | "All" | "Descendents" | "SelfAndChildren" | "Children";

export type MailboxPermissionEntry = {
  user: string;
  accessRights: string[];
  isInherited: boolean;
  deny: boolean;
  inheritanceType: InheritanceType;
  autoMapping: boolean; // as sent to Add-MailboxPermission; Exchange never shows it back
};

export type RecipientPermissionEntry = {
  trustee: string;
  accessControlType: "Allow" | "Deny";
  accessRights: string[];
  isInherited: boolean;
  inheritanceType: InheritanceType;
};

export type FolderPermissionEntry = {
  user: string;
  accessRights: string[];
  sharingPermissionFlags: string | null; // "Delegate", "Delegate, CanViewPrivateItems" or null
};

// The default calendar folder; its name is localised ("Kalender", "Calendrier").
export type CalendarFolder = { name: string; permissions: FolderPermissionEntry[] };

export type Mailbox = {
  guid: string;
  exchangeGuid: string;
  externalDirectoryObjectId: string;
  name: string; // also the Identity
  displayName: string;
  firstName: string;
  lastName: string;
  alias: string;
  userPrincipalName: string;
  primarySmtpAddress: string;
  emailAddresses: string[]; // "SMTP:primary", "smtp:secondary"
  recipientTypeDetails: RecipientTypeDetails;
  department: string;
  title: string;
  office: string;
  grantSendOnBehalfTo: string[]; // UPNs (lower case) of the delegates; Get-Mailbox shows their names
  whenCreated: Date;
  whenChanged: Date;
  autoReply: AutoReplyConfig;
  regional: RegionalConfig;
  mailboxPermissions: MailboxPermissionEntry[];
  recipientPermissions: RecipientPermissionEntry[];
  calendar: CalendarFolder;
};

export type Tenant = {
  tenantId: string;
  domain: string;
  displayName: string;
  users: DirectoryUser[];
  mailboxes: Mailbox[];
};

export function findUserByOid(tenant: Tenant, oid: string): DirectoryUser | undefined {
  return tenant.users.find((u) => u.oid === oid);
}

export function findUserByUpn(tenant: Tenant, upn: string): DirectoryUser | undefined {
  const wanted = upn.toLowerCase();
  return tenant.users.find((u) => u.userPrincipalName.toLowerCase() === wanted);
}

export function findMailboxByOid(tenant: Tenant, oid: string): Mailbox | undefined {
  return mailboxesByKey(tenant, oid.toLowerCase()).find((m) => m.externalDirectoryObjectId === oid);
}

// A tenant named in a URL by its GUID or one of its domains.
export function matchesTenant(tenant: Tenant, segment: string): boolean {
  const s = segment.toLowerCase();
  return s === tenant.tenantId || s === tenant.domain;
}
