import type { CalendarFolder, DirectoryUser, FolderPermissionEntry, Mailbox, Tenant } from "../tenant/model";
import { cmdletErrors } from "./cmdlet-errors";
import { matchMailboxes } from "./identity";
import { readableBy } from "./rbac";

// Folder identities (<mailbox>:\<folder>), folder users and SharingPermissionFlags for the
// *-MailboxFolderPermission cmdlets. Only the default calendar folder is modelled, under its
// localised name: "adele.vance:\Calendar" does not exist when the folder is "Kalender".

export type FolderTarget = { mailbox: Mailbox; folder: CalendarFolder };

// Default folders every mailbox has but the emulator does not model (English names).
const UNMODELLED = ["", "inbox", "contacts", "tasks", "notes", "journal", "drafts", "sent items", "deleted items", "junk email", "outbox", "archive"];

// The mailbox part resolves within the caller's read scope; -User (below) organisation-wide.
export function resolveCalendarFolder(tenant: Tenant, caller: DirectoryUser, identity: string): FolderTarget {
  const at = identity.indexOf(":\\");
  const mailboxPart = at < 0 ? identity : identity.slice(0, at);
  const path = at < 0 ? "" : identity.slice(at + 2).replace(/^\\+|\\+$/g, "").trim();
  const matches = matchMailboxes(tenant, mailboxPart, readableBy(caller));
  if (matches.length === 0) throw cmdletErrors.folderNotFound(identity);
  if (matches.length > 1) throw cmdletErrors.ambiguous(identity);
  const mailbox = matches[0]!;
  if (path.toLowerCase() === mailbox.calendar.name.toLowerCase()) return { mailbox, folder: mailbox.calendar };
  if (UNMODELLED.includes(path.toLowerCase())) {
    throw cmdletErrors.notModelled(`the folder '${path || "Top of Information Store"}': only the calendar folder ('${mailbox.calendar.name}') exists here`);
  }
  throw cmdletErrors.folderNotFound(identity);
}

export function folderIdentity(t: FolderTarget): string {
  return `${t.mailbox.name}:\\${t.folder.name}`;
}

const SPECIAL_USERS = ["Default", "Anonymous"];

// -User: Default, Anonymous, or a mailbox in any identity form. `key` is how it is stored,
// `name` how Exchange names it in output and messages (the display name).
export type FolderUser = { key: string; name: string; mailbox: Mailbox | null };

export function resolveFolderUser(tenant: Tenant, user: string): FolderUser {
  const special = SPECIAL_USERS.find((s) => s.toLowerCase() === user.trim().toLowerCase());
  if (special) return { key: special, name: special, mailbox: null };
  const matches = matchMailboxes(tenant, user);
  if (matches.length === 0) throw cmdletErrors.folderUserUnknown(user);
  if (matches.length > 1) throw cmdletErrors.ambiguous(user);
  const m = matches[0]!;
  return { key: m.userPrincipalName.toLowerCase(), name: m.displayName, mailbox: m };
}

export function findEntry(folder: CalendarFolder, user: FolderUser): FolderPermissionEntry | undefined {
  return folder.permissions.find((e) => e.user.toLowerCase() === user.key.toLowerCase());
}

export const FOLDER_ROLES = [
  "Owner", "PublishingEditor", "Editor", "PublishingAuthor", "Author", "NonEditingAuthor", "Reviewer", "Contributor",
  "AvailabilityOnly", "LimitedDetails", "None",
] as const;
const INDIVIDUAL_RIGHTS = [
  "ReadItems", "CreateItems", "EditOwnedItems", "DeleteOwnedItems", "EditAllItems", "DeleteAllItems", "CreateSubfolders",
  "FolderOwner", "FolderContact", "FolderVisible",
] as const;
export const FOLDER_RIGHTS = [...FOLDER_ROLES, ...INDIVIDUAL_RIGHTS];

const FLAGS = ["None", "Delegate", "CanViewPrivateItems"] as const;
const FLAGS_TYPE = "Microsoft.Exchange.Data.Storage.Management.MailboxFolderPermissionFlags";

// "Delegate,CanViewPrivateItems", "Delegate, CanViewPrivateItems" or ["Delegate","CanViewPrivateItems"].
// Stored and shown as .NET writes a flags enum: "Delegate, CanViewPrivateItems"; None is null.
export function parseSharingFlags(value: unknown): string | null {
  if (value === null) return null;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === "string" ? v.split(",") : [v]));
  const flags = new Set<string>();
  for (const part of parts) {
    const match = typeof part === "string" ? FLAGS.find((f) => f.toLowerCase() === part.trim().toLowerCase()) : undefined;
    if (!match) {
      const shown = Array.isArray(value) ? "System.Object[]" : String(value);
      throw cmdletErrors.transformation(
        "SharingPermissionFlags",
        shown,
        FLAGS_TYPE,
        `Unable to match the identifier name ${shown} to a valid enumerator name. Specify one of the following enumerator names and try again: ${FLAGS.join(", ")}`,
      );
    }
    if (match !== "None") flags.add(match);
  }
  const ordered = ["Delegate", "CanViewPrivateItems"].filter((f) => flags.has(f));
  return ordered.length > 0 ? ordered.join(", ") : null;
}

// The rules of SharingPermissionFlags (Exchange's documentation of the parameter): Delegate
// only with the Editor role, CanViewPrivateItems only together with Delegate. A mailbox
// cannot be a delegate of its own calendar (Exchange's delegate rule, as in EWS).
export function assertFlagsAllowed(rights: string[], flags: string | null, user: FolderUser, owner: Mailbox): void {
  if (flags === null) return;
  const delegate = flags.includes("Delegate");
  if (flags.includes("CanViewPrivateItems") && !delegate) {
    throw cmdletErrors.invalidFolderPermission("The SharingPermissionFlags value CanViewPrivateItems can only be used together with Delegate.");
  }
  if (delegate && (rights.length !== 1 || rights[0] !== "Editor")) {
    throw cmdletErrors.invalidFolderPermission("The SharingPermissionFlags value Delegate can only be used when AccessRights is Editor.");
  }
  if (delegate && !user.mailbox) {
    throw cmdletErrors.invalidFolderPermission(`The SharingPermissionFlags value Delegate can't be given to ${user.name}.`);
  }
  if (delegate && user.mailbox === owner) {
    throw cmdletErrors.invalidFolderPermission(`The mailbox owner ${owner.displayName} can't be added as a delegate of their own mailbox.`);
  }
}
