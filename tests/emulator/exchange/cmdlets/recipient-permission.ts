import type { EmulatorContext } from "../../context";
import type { DirectoryUser, Mailbox, RecipientPermissionEntry } from "../../tenant/model";
import { aceWarnings } from "../ace-warnings";
import { assertConfirmed, CONFIRM } from "../confirm";
import { IDENTITY, type Bound, type ParamSpec } from "../parameters";
import { recipientPermissionObject } from "../permission-views";
import { mailboxDn, resolvePrincipal, type Principal } from "../principals";
import { assertInWriteScope, canRead, resolveTarget } from "../rbac";
import { byName, DEFAULT_RESULT_SIZE, MORE_RESULTS_WARNING } from "./get-recipients";
import type { CmdletDefinition } from "./types";

// SendAs: Get-/Add-/Remove-RecipientPermission. As with mailbox permissions, a duplicate Add
// and a Remove of a missing entry are warnings with a 200.

const RIGHTS: ParamSpec = {
  name: "AccessRights",
  type: "enum[]",
  values: ["SendAs"],
  enumType: "Microsoft.Exchange.Management.RecipientTasks.RecipientAccessRight[]",
};
const MANDATORY_RIGHTS: ParamSpec = { ...RIGHTS, mandatory: true };

const sameTrustee = (e: RecipientPermissionEntry, p: Principal) => e.trustee.toLowerCase() === p.key.toLowerCase();

export const getRecipientPermission: CmdletDefinition = {
  name: "Get-RecipientPermission",
  parameters: [{ name: "Identity", type: "string" }, { name: "Trustee", type: "string" }, RIGHTS, { name: "ResultSize", type: "resultsize" }],
  run: ({ ctx, caller, params }) => {
    const tenant = ctx.state.tenant;
    const identity = params.get("Identity") as string | undefined;
    const trustee = params.get("Trustee") as string | undefined;
    const principal = trustee === undefined ? undefined : resolvePrincipal(tenant, trustee);
    const rights = params.get("AccessRights") as string[] | undefined;
    const resultSize = (params.get("ResultSize") as number | undefined) ?? DEFAULT_RESULT_SIZE;
    const mailboxes =
      identity !== undefined
        ? [resolveTarget(tenant, caller, identity)]
        : tenant.mailboxes.filter((m) => canRead(caller, m)).sort(byName);
    const rows = mailboxes.flatMap((m) =>
      m.recipientPermissions
        .filter((e) => (!principal || sameTrustee(e, principal)) && (!rights || rights.some((r) => e.accessRights.includes(r))))
        .map((e) => recipientPermissionObject(tenant, m, e)),
    );
    return { rows: rows.slice(0, resultSize), warnings: rows.length > resultSize ? [MORE_RESULTS_WARNING] : [] };
  },
};

type SendAsRequest = { m: Mailbox; principal: Principal; deny: boolean };

function readRequest(ctx: EmulatorContext, caller: DirectoryUser, params: Bound): SendAsRequest {
  const tenant = ctx.state.tenant;
  return {
    m: resolveTarget(tenant, caller, params.get("Identity") as string),
    principal: resolvePrincipal(tenant, params.get("Trustee") as string),
    deny: (params.get("Deny") as boolean | undefined) ?? false,
  };
}

const TARGET_PARAMETERS: ParamSpec[] = [
  IDENTITY,
  { name: "Trustee", type: "string", mandatory: true },
  MANDATORY_RIGHTS,
  CONFIRM,
];

const describe = (r: SendAsRequest) => `Identity: ${r.m.name}, Trustee: ${r.principal.shown}, AccessRights: SendAs`;

export const addRecipientPermission: CmdletDefinition = {
  name: "Add-RecipientPermission",
  parameters: [
    ...TARGET_PARAMETERS,
    { name: "SkipDomainValidationForMailContact", type: "bool" },
    { name: "SkipDomainValidationForMailUser", type: "bool" },
    { name: "SkipDomainValidationForSharedMailbox", type: "bool" },
  ],
  run: (inv) => {
    const { ctx, caller, params } = inv;
    const r = readRequest(ctx, caller, params);
    assertConfirmed(inv, "Add-RecipientPermission", describe(r));
    const tenant = ctx.state.tenant;
    const entry: RecipientPermissionEntry = { trustee: r.principal.key, accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None" };
    const existing = r.m.recipientPermissions.find((e) => sameTrustee(e, r.principal) && e.accessControlType === "Allow");
    if (existing) {
      const warning = aceWarnings.alreadyPresent(mailboxDn(tenant, r.m), r.principal.account);
      return { rows: [recipientPermissionObject(tenant, r.m, existing)], warnings: [warning] };
    }
    assertInWriteScope(caller, r.m);
    r.m.recipientPermissions.push(entry);
    r.m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [recipientPermissionObject(tenant, r.m, entry)], warnings: [] };
  },
};

export const removeRecipientPermission: CmdletDefinition = {
  name: "Remove-RecipientPermission",
  parameters: [...TARGET_PARAMETERS, { name: "Deny", type: "bool" }],
  run: (inv) => {
    const { ctx, caller, params } = inv;
    const r = readRequest(ctx, caller, params);
    assertConfirmed(inv, "Remove-RecipientPermission", describe(r));
    const type = r.deny ? "Deny" : "Allow";
    const existing = r.m.recipientPermissions.find((e) => sameTrustee(e, r.principal) && e.accessControlType === type);
    if (!existing) return { rows: [], warnings: [aceWarnings.recipientAceMissing(mailboxDn(ctx.state.tenant, r.m), r.principal.account)] };
    assertInWriteScope(caller, r.m);
    r.m.recipientPermissions = r.m.recipientPermissions.filter((e) => e !== existing);
    r.m.whenChanged = new Date(ctx.state.clock.now());
    return { rows: [], warnings: [] };
  },
};
