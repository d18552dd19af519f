import { createHash } from "node:crypto";
import type { FolderPermissionEntry, Mailbox, MailboxPermissionEntry, RecipientPermissionEntry, Tenant } from "../tenant/model";
import { mailboxByUpn } from "../tenant/mailbox-index";
import { int32, toODataObject } from "./odata";
import { principalOfKey, type InheritedEntry } from "./principals";

// The objects the permission cmdlets return, property names as Exchange writes them. Users
// are shown by UPN in mailbox and recipient permissions, by display name in folder
// permissions. AutoMapping is stored but, as in Exchange, never returned.

export function mailboxPermissionObject(tenant: Tenant, m: Mailbox, e: MailboxPermissionEntry | InheritedEntry): Record<string, unknown> {
  const p = principalOfKey(tenant, e.user);
  return toODataObject({
    AccessRights: [...e.accessRights],
    Deny: e.deny,
    InheritanceType: e.inheritanceType,
    User: p.shown,
    UserSid: p.sid,
    Identity: m.name,
    IsInherited: e.isInherited,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}

export function recipientPermissionObject(tenant: Tenant, m: Mailbox, e: RecipientPermissionEntry): Record<string, unknown> {
  const p = principalOfKey(tenant, e.trustee);
  return toODataObject({
    Identity: m.name,
    Trustee: p.shown,
    AccessControlType: e.accessControlType,
    AccessRights: [...e.accessRights],
    IsInherited: e.isInherited,
    InheritanceType: e.inheritanceType,
    TrusteeSidString: p.sid,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}

// Default and Anonymous keep their names; people are shown by display name.
export function folderUserName(tenant: Tenant, key: string): string {
  return mailboxByUpn(tenant, key)?.displayName ?? key;
}

// Identity is the folder's, "<mailbox>:\<folder>", on every row (issue #14, from Exchange Online).
export function folderPermissionObject(tenant: Tenant, m: Mailbox, e: FolderPermissionEntry): Record<string, unknown> {
  const user = folderUserName(tenant, e.user);
  return toODataObject({
    FolderName: m.calendar.name,
    User: user,
    AccessRights: [...e.accessRights],
    SharingPermissionFlags: e.sharingPermissionFlags,
    Identity: `${m.name}:\\${m.calendar.name}`,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}

// An EWS-style folder id (base64 of a store entry id): stable per mailbox, opaque to clients.
function calendarFolderId(m: Mailbox): string {
  const entry = createHash("sha256").update(`${m.exchangeGuid}/calendar`).digest();
  return Buffer.concat([Buffer.from([0x2e, 0, 0, 0, 0]), entry, Buffer.from([1, 0])]).toString("base64");
}

export function calendarStatisticsObject(m: Mailbox): Record<string, unknown> {
  const name = m.calendar.name;
  return toODataObject({
    Name: name,
    FolderId: calendarFolderId(m),
    FolderPath: `/${name}`,
    FolderType: "Calendar",
    ItemsInFolder: int32(0),
    DeletedItemsInFolder: int32(0),
    FolderSize: "0 B (0 bytes)",
    ItemsInFolderAndSubfolders: int32(0),
    FolderAndSubfolderSize: "0 B (0 bytes)",
    ContainerClass: "IPF.Appointment",
    VisibleItemsInFolder: int32(0),
    HiddenItemsInFolder: int32(0),
    Identity: `${m.name}\\${name}`,
    IsValid: true,
    ObjectState: "Unchanged",
  });
}
