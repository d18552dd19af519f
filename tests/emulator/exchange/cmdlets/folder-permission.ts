import type { EmulatorContext } from "../../context";
import type { DirectoryUser, FolderPermissionEntry } from "../../tenant/model";
import {
  assertFlagsAllowed,
  findEntry,
  FOLDER_RIGHTS,
  folderIdentity,
  parseSharingFlags,
  resolveCalendarFolder,
  resolveFolderUser,
  type FolderTarget,
  type FolderUser,
} from "../calendar-folder";
import { cmdletErrors } from "../cmdlet-errors";
import { assertConfirmed, CONFIRM } from "../confirm";
import { IDENTITY, type Bound, type ParamSpec } from "../parameters";
import { folderPermissionObject } from "../permission-views";
import { assertInWriteScope } from "../rbac";
import type { CmdletDefinition } from "./types";

// Calendar roles and delegates: Get-/Add-/Set-/Remove-MailboxFolderPermission on
// "<mailbox>:\<calendar name>". Unlike the ACL cmdlets these fail (not warn) on an entry that
// exists (Add) or does not (Get -User, Set, Remove).

const USER: ParamSpec = { name: "User", type: "string", mandatory: true };
const RIGHTS: ParamSpec = {
  name: "AccessRights",
  type: "enum[]",
  mandatory: true,
  values: FOLDER_RIGHTS,
  enumType: "Microsoft.Exchange.Management.StoreTasks.MailboxFolderAccessRight[]",
};
const FLAGS: ParamSpec = { name: "SharingPermissionFlags", type: "value", nullable: true };
const NOTIFY: ParamSpec = { name: "SendNotificationToUser", type: "bool" };

type Change = { target: FolderTarget; user: FolderUser };

// Documented for Add-/Set-MailboxFolderPermission: SendNotificationToUser only with these roles.
// Exchange's exact error text is not published; the refusal names the parameter.
const NOTIFIABLE = ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"];

function assertNotificationAllowed(params: Bound, rights: string[]): void {
  if (params.get(NOTIFY.name) !== true) return;
  if (rights.length === 1 && NOTIFIABLE.includes(rights[0]!)) return;
  throw cmdletErrors.invalidFolderPermission(
    `The SendNotificationToUser parameter can only be used with the AccessRights values ${NOTIFIABLE.join(", ")}.`,
  );
}

// Resolves the folder and the user; writes need the mailbox inside the caller's write scope,
// which Exchange checks when it opens the mailbox, before looking at the entries.
function openForWrite(ctx: EmulatorContext, caller: DirectoryUser, params: Bound): Change {
  const tenant = ctx.state.tenant;
  const target = resolveCalendarFolder(tenant, caller, params.get("Identity") as string);
  const user = resolveFolderUser(tenant, params.get("User") as string);
  assertInWriteScope(caller, target.mailbox);
  return { target, user };
}

function touch(ctx: EmulatorContext, c: Change): void {
  c.target.mailbox.whenChanged = new Date(ctx.state.clock.now());
}

export const getMailboxFolderPermission: CmdletDefinition = {
  name: "Get-MailboxFolderPermission",
  parameters: [IDENTITY, { name: "User", type: "string" }],
  run: ({ ctx, caller, params }) => {
    const tenant = ctx.state.tenant;
    const { mailbox, folder } = resolveCalendarFolder(tenant, caller, params.get("Identity") as string);
    const userParam = params.get("User") as string | undefined;
    let entries = folder.permissions;
    if (userParam !== undefined) {
      const user = resolveFolderUser(tenant, userParam);
      const entry = findEntry(folder, user);
      if (!entry) throw cmdletErrors.folderEntryMissing(user.name);
      entries = [entry];
    }
    return { rows: entries.map((e) => folderPermissionObject(tenant, mailbox, e)), warnings: [] };
  },
};

export const addMailboxFolderPermission: CmdletDefinition = {
  name: "Add-MailboxFolderPermission",
  parameters: [IDENTITY, USER, RIGHTS, FLAGS, NOTIFY],
  run: ({ ctx, caller, params }) => {
    const c = openForWrite(ctx, caller, params);
    const rights = params.get("AccessRights") as string[];
    const flags = params.has(FLAGS.name) ? parseSharingFlags(params.get(FLAGS.name)) : null;
    assertFlagsAllowed(rights, flags, c.user, c.target.mailbox);
    assertNotificationAllowed(params, rights);
    if (findEntry(c.target.folder, c.user)) throw cmdletErrors.folderEntryExists(c.user.name);
    const entry: FolderPermissionEntry = { user: c.user.key, accessRights: [...rights], sharingPermissionFlags: flags };
    c.target.folder.permissions.push(entry);
    touch(ctx, c);
    return { rows: [folderPermissionObject(ctx.state.tenant, c.target.mailbox, entry)], warnings: [] };
  },
};

export const setMailboxFolderPermission: CmdletDefinition = {
  name: "Set-MailboxFolderPermission",
  parameters: [IDENTITY, USER, RIGHTS, FLAGS, NOTIFY],
  run: ({ ctx, caller, params }) => {
    const c = openForWrite(ctx, caller, params);
    const rights = params.get("AccessRights") as string[];
    const entry = findEntry(c.target.folder, c.user);
    if (!entry) throw cmdletErrors.folderEntryMissing(c.user.name);
    // Documented: without SharingPermissionFlags or SendNotificationToUser a delegate stays a
    // delegate; with SendNotificationToUser alone the flags fall back to None. A role other
    // than Editor cannot keep the Delegate flag.
    let flags: string | null;
    if (params.has(FLAGS.name)) flags = parseSharingFlags(params.get(FLAGS.name));
    else if (params.has(NOTIFY.name)) flags = null;
    else flags = rights.length === 1 && rights[0] === "Editor" ? entry.sharingPermissionFlags : null;
    assertFlagsAllowed(rights, flags, c.user, c.target.mailbox);
    assertNotificationAllowed(params, rights);
    entry.accessRights = [...rights];
    entry.sharingPermissionFlags = flags;
    touch(ctx, c);
    return { rows: [], warnings: [] };
  },
};

export const removeMailboxFolderPermission: CmdletDefinition = {
  name: "Remove-MailboxFolderPermission",
  parameters: [IDENTITY, USER, NOTIFY, { name: "Force", type: "bool" }, CONFIRM],
  run: (inv) => {
    const { ctx, caller, params } = inv;
    const c = openForWrite(ctx, caller, params);
    assertConfirmed(inv, "Remove-MailboxFolderPermission", `Identity: ${folderIdentity(c.target)}, User: ${c.user.name}`);
    const entry = findEntry(c.target.folder, c.user);
    if (!entry) throw cmdletErrors.folderEntryMissing(c.user.name);
    // Default and Anonymous are members of every folder's permission table: removing them
    // leaves them with no rights.
    if (!c.user.mailbox) {
      entry.accessRights = ["None"];
      entry.sharingPermissionFlags = null;
    } else {
      c.target.folder.permissions = c.target.folder.permissions.filter((e) => e !== entry);
    }
    touch(ctx, c);
    return { rows: [], warnings: [] };
  },
};
