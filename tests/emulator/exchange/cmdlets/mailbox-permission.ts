import type { EmulatorContext } from "../../context";
import type { DirectoryUser, InheritanceType, Mailbox, MailboxPermissionEntry } from "../../tenant/model";
import { aceWarnings } from "../ace-warnings";
import { cmdletErrors } from "../cmdlet-errors";
import { assertConfirmed, CONFIRM } from "../confirm";
import { IDENTITY, type Bound, type ParamSpec } from "../parameters";
import { mailboxPermissionObject } from "../permission-views";
import { inheritedMailboxEntries, mailboxDn, resolvePrincipal, type Principal } from "../principals";
import { assertInWriteScope, resolveTarget } from "../rbac";
import { DEFAULT_RESULT_SIZE, MORE_RESULTS_WARNING } from "./get-recipients";
import type { CmdletDefinition } from "./types";

// FullAccess and the other mailbox rights: Get-/Add-/Remove-MailboxPermission. A duplicate
// Add and a Remove of a missing entry are warnings with a 200, as Exchange gives them.

const MAILBOX_RIGHTS = ["FullAccess", "ExternalAccount", "DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"] as const;
const INHERITANCE_TYPES = ["None", "All", "Descendents", "SelfAndChildren", "Children"] as const;

const RIGHTS: ParamSpec = {
  name: "AccessRights",
  type: "enum[]",
  mandatory: true,
  values: MAILBOX_RIGHTS,
  enumType: "Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]",
};
const INHERITANCE: ParamSpec = {
  name: "InheritanceType",
  type: "enum",
  values: INHERITANCE_TYPES,
  enumType: "System.DirectoryServices.ActiveDirectorySecurityInheritance",
};

const sameUser = (e: { user: string }, p: Principal) => e.user.toLowerCase() === p.key.toLowerCase();

// Explicit entries in canonical ACL order (denies first), then the inherited ones.
function allEntries(m: Mailbox) {
  const explicit = [...m.mailboxPermissions.filter((e) => e.deny), ...m.mailboxPermissions.filter((e) => !e.deny)];
  return [...explicit, ...inheritedMailboxEntries()];
}

// Switches of Get-MailboxPermission that change nothing for the mailboxes modelled here.
const READ_SWITCHES = ["GroupMailbox", "IncludeSoftDeletedUserPermissions", "IncludeUnresolvedPermissions", "ReadFromDomainController", "SoftDeletedMailbox", "UseCustomRouting"];

export const getMailboxPermission: CmdletDefinition = {
  name: "Get-MailboxPermission",
  parameters: [
    IDENTITY,
    { name: "User", type: "string" },
    { name: "Owner", type: "bool" },
    { name: "ResultSize", type: "resultsize" },
    ...READ_SWITCHES.map((name): ParamSpec => ({ name, type: "bool" })),
  ],
  run: ({ ctx, caller, params }) => {
    const tenant = ctx.state.tenant;
    const user = params.get("User") as string | undefined;
    if (params.get("Owner") === true) {
      if (user !== undefined) throw cmdletErrors.parameterSetConflict();
      throw cmdletErrors.notModelled("Get-MailboxPermission -Owner");
    }
    const m = resolveTarget(tenant, caller, params.get("Identity") as string);
    const principal = user === undefined ? undefined : resolvePrincipal(tenant, user);
    const entries = allEntries(m).filter((e) => !principal || sameUser(e, principal));
    const resultSize = (params.get("ResultSize") as number | undefined) ?? DEFAULT_RESULT_SIZE;
    const warnings = entries.length > resultSize ? [MORE_RESULTS_WARNING] : [];
    return { rows: entries.slice(0, resultSize).map((e) => mailboxPermissionObject(tenant, m, e)), warnings };
  },
};

type AceRequest = { m: Mailbox; principal: Principal; rights: string[]; deny: boolean; inheritance: InheritanceType };

function readRequest(ctx: EmulatorContext, caller: DirectoryUser, params: Bound): AceRequest {
  const tenant = ctx.state.tenant;
  return {
    m: resolveTarget(tenant, caller, params.get("Identity") as string),
    principal: resolvePrincipal(tenant, params.get("User") as string),
    rights: [...new Set(params.get("AccessRights") as string[])],
    deny: (params.get("Deny") as boolean | undefined) ?? false,
    inheritance: (params.get("InheritanceType") as InheritanceType | undefined) ?? "All",
  };
}

function findExplicit(r: AceRequest): MailboxPermissionEntry | undefined {
  return r.m.mailboxPermissions.find((e) => sameUser(e, r.principal) && e.deny === r.deny && e.inheritanceType === r.inheritance);
}

export const addMailboxPermission: CmdletDefinition = {
  name: "Add-MailboxPermission",
  parameters: [
    IDENTITY,
    { name: "User", type: "string", mandatory: true },
    RIGHTS,
    { name: "AutoMapping", type: "bool" },
    { name: "Deny", type: "bool" },
    INHERITANCE,
    { name: "IgnoreDefaultScope", type: "bool" },
    CONFIRM,
  ],
  run: ({ ctx, caller, params }) => {
    const r = readRequest(ctx, caller, params);
    const tenant = ctx.state.tenant;
    const autoMapping = (params.get("AutoMapping") as boolean | undefined) ?? true;
    const existing = findExplicit(r);
    const requested: MailboxPermissionEntry = {
      user: r.principal.key,
      accessRights: r.rights,
      isInherited: false,
      deny: r.deny,
      inheritanceType: r.inheritance,
      autoMapping,
    };
    // Already granted: nothing is saved, so the AutoMapping sent is not applied either.
    if (existing && r.rights.every((x) => existing.accessRights.includes(x))) {
      const warning = aceWarnings.alreadyPresent(mailboxDn(tenant, r.m), r.principal.account);
      return { rows: [mailboxPermissionObject(tenant, r.m, requested)], warnings: [warning] };
    }
    assertInWriteScope(caller, r.m);
    if (existing) {
      if (r.rights.includes("FullAccess")) existing.autoMapping = autoMapping;
      existing.accessRights = [...existing.accessRights, ...r.rights.filter((x) => !existing.accessRights.includes(x))];
    } else {
      r.m.mailboxPermissions.push({ ...requested, accessRights: [...r.rights] });
    }
    r.m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [mailboxPermissionObject(tenant, r.m, requested)], warnings: [] };
  },
};

export const removeMailboxPermission: CmdletDefinition = {
  name: "Remove-MailboxPermission",
  parameters: [
    IDENTITY,
    { name: "User", type: "string", mandatory: true },
    RIGHTS,
    { name: "Deny", type: "bool" },
    INHERITANCE,
    { name: "BypassMasterAccountSid", type: "bool" },
    { name: "IgnoreDefaultScope", type: "bool" },
    CONFIRM,
  ],
  run: (inv) => {
    const { ctx, caller, params } = inv;
    const r = readRequest(ctx, caller, params);
    const dn = mailboxDn(ctx.state.tenant, r.m);
    assertConfirmed(inv, "Remove-MailboxPermission", `Identity: ${r.m.name}, User: ${r.principal.shown}, AccessRights: ${r.rights.join(",")}`);
    const entry = findExplicit(r);
    if (!entry || !r.rights.some((x) => entry.accessRights.includes(x))) {
      const inherited = inheritedMailboxEntries().find((e) => sameUser(e, r.principal) && e.deny === r.deny && r.rights.some((x) => e.accessRights.includes(x)));
      const warning = inherited
        ? aceWarnings.inheritedIgnored(inherited.accessRights, inherited.deny, dn)
        : aceWarnings.mailboxAceMissing(dn, r.principal.account);
      return { rows: [], warnings: [warning] };
    }
    assertInWriteScope(caller, r.m);
    entry.accessRights = entry.accessRights.filter((x) => !r.rights.includes(x));
    if (entry.accessRights.length === 0) r.m.mailboxPermissions = r.m.mailboxPermissions.filter((e) => e !== entry);
    r.m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [], warnings: [] };
  },
};
