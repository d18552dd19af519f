import type { AutoReplyTimeFormat } from "../context";
import type { Mailbox, RecipientTypeDetails, Tenant } from "../tenant/model";
import { guid, int32, localDate, toODataObject, utcDate, type Cells } from "./odata";
import { mailboxByUpn } from "../tenant/mailbox-index";
import { mailboxDn } from "./principals";

// The objects Exchange returns for a mailbox, property names and types as Exchange writes them.

const RECIPIENT_TYPE: Record<RecipientTypeDetails, string> = {
  UserMailbox: "UserMailbox",
  SharedMailbox: "UserMailbox",
  RoomMailbox: "UserMailbox",
  EquipmentMailbox: "UserMailbox",
};

// GrantSendOnBehalfTo holds recipients; Exchange shows them by name, not by address.
function delegateNames(tenant: Tenant, upns: string[]): string[] {
  return upns.map((upn) => mailboxByUpn(tenant, upn)?.name ?? upn);
}

function common(tenant: Tenant, m: Mailbox): Cells {
  return {
    Identity: m.name,
    Id: m.name,
    Name: m.name,
    DisplayName: m.displayName,
    Alias: m.alias,
    PrimarySmtpAddress: m.primarySmtpAddress,
    WindowsEmailAddress: m.primarySmtpAddress,
    EmailAddresses: m.emailAddresses,
    UserPrincipalName: m.userPrincipalName,
    RecipientType: RECIPIENT_TYPE[m.recipientTypeDetails],
    RecipientTypeDetails: m.recipientTypeDetails,
    ExternalDirectoryObjectId: m.externalDirectoryObjectId,
    ExchangeObjectId: guid(m.guid),
    Guid: guid(m.guid),
    GrantSendOnBehalfTo: delegateNames(tenant, m.grantSendOnBehalfTo),
    HiddenFromAddressListsEnabled: false,
    DistinguishedName: mailboxDn(tenant, m),
    OrganizationalUnit: `nampr01a001.prod.outlook.com/Microsoft Exchange Hosted Organizations/${tenant.domain}`,
    WhenChanged: m.whenChanged,
    WhenCreated: m.whenCreated,
    WhenChangedUTC: utcDate(m.whenChanged),
    WhenCreatedUTC: utcDate(m.whenCreated),
    IsValid: true,
  };
}

// Get-Recipient: directory properties, including Department (which Get-Mailbox lacks).
export function recipientObject(tenant: Tenant, m: Mailbox): Record<string, unknown> {
  return toODataObject({
    ...common(tenant, m),
    FirstName: m.firstName,
    LastName: m.lastName,
    Department: m.department,
    Title: m.title,
    Office: m.office,
    Company: "",
    City: "",
    ResourceType: m.recipientTypeDetails === "RoomMailbox" ? "Room" : m.recipientTypeDetails === "EquipmentMailbox" ? "Equipment" : null,
  });
}

// Get-Mailbox: mailbox properties.
export function mailboxObject(tenant: Tenant, m: Mailbox): Record<string, unknown> {
  const isResource = m.recipientTypeDetails === "RoomMailbox" || m.recipientTypeDetails === "EquipmentMailbox";
  return toODataObject({
    ...common(tenant, m),
    Office: m.office,
    WindowsLiveID: m.userPrincipalName,
    MicrosoftOnlineServicesID: m.userPrincipalName,
    ExchangeGuid: guid(m.exchangeGuid),
    IsShared: m.recipientTypeDetails === "SharedMailbox",
    IsResource: isResource,
    ResourceType: m.recipientTypeDetails === "RoomMailbox" ? "Room" : m.recipientTypeDetails === "EquipmentMailbox" ? "Equipment" : null,
    Languages: m.regional.language ? [m.regional.language] : [],
    ForwardingAddress: null,
    ForwardingSmtpAddress: null,
    DeliverToMailboxAndForward: false,
    RecipientLimits: "500",
    ProhibitSendQuota: "99 GB (106,300,440,576 bytes)",
    ProhibitSendReceiveQuota: "100 GB (107,374,182,400 bytes)",
    IssueWarningQuota: "98 GB (105,226,698,752 bytes)",
    ExternalOofOptions: "External",
    WhenMailboxCreated: m.whenCreated,
  });
}

export function autoReplyObject(m: Mailbox, timeFormat: AutoReplyTimeFormat): Record<string, unknown> {
  const a = m.autoReply;
  const time = (d: Date) => (timeFormat === "offset" ? d : timeFormat === "utc" ? utcDate(d) : localDate(d));
  return toODataObject({
    AutoDeclineFutureRequestsWhenOOF: a.autoDeclineFutureRequestsWhenOOF,
    AutoReplyState: a.autoReplyState,
    CreateOOFEvent: a.createOOFEvent,
    DeclineAllEventsForScheduledOOF: a.declineAllEventsForScheduledOOF,
    DeclineEventsForScheduledOOF: a.declineEventsForScheduledOOF,
    DeclineMeetingMessage: a.declineMeetingMessage,
    EventsToDeleteIDs: [],
    EndTime: time(a.endTime),
    ExternalAudience: a.externalAudience,
    ExternalMessage: a.externalMessage,
    InternalMessage: a.internalMessage,
    OOFEventSubject: a.oofEventSubject,
    StartTime: time(a.startTime),
    Recipients: [],
    ReminderMinutesBeforeStart: int32(0),
    ReminderMessage: null,
    MailboxOwnerId: m.name,
    Identity: m.name,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}

export function regionalObject(m: Mailbox): Record<string, unknown> {
  const r = m.regional;
  return toODataObject({
    DateFormat: r.dateFormat,
    Language: r.language,
    DefaultFolderNameMatchingUserLanguage: false,
    TimeFormat: r.timeFormat,
    TimeZone: r.timeZone,
    Identity: m.name,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}
