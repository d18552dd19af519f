import type { Quirks, RoleRefusal } from "../context";
import type { DirectoryUser, Mailbox, ManagementScope, RoleGroup, Tenant } from "../tenant/model";
import { cmdletErrors } from "./cmdlet-errors";
import { resolveMailbox } from "./identity";

// Which cmdlets each role group's roles reach, by verb: View-Only Recipients gives Get-*,
// Mail Recipients adds the writes, Organization Management has everything.
const VERBS: Record<RoleGroup, readonly string[] | "all"> = {
  "View-Only Organization Management": ["Get"],
  "Recipient Management": ["Get", "Set", "Add", "Remove", "Enable", "Disable", "New"],
  "Organization Management": "all",
};

export function canRun(user: DirectoryUser, cmdlet: string): boolean {
  const verb = cmdlet.split("-")[0] ?? "";
  return user.roleGroups.some((g) => {
    const verbs = VERBS[g];
    return verbs === "all" || verbs.includes(verb);
  });
}

// A cmdlet outside the caller's roles, in the form the quirk chooses (context.ts RoleRefusal).
export function roleRefusal(form: RoleRefusal, user: DirectoryUser, cmdlet: string): { status: number; body: unknown; raw?: Buffer; headers: Record<string, string> } {
  if (form === "command-not-found") {
    const e = cmdletErrors.commandNotFound(cmdlet);
    return { status: e.status, body: e.body, headers: {} };
  }
  if (form === "forbidden") {
    // graph2otel (2026): no JSON at all, a run of NUL bytes.
    return { status: 403, body: undefined, raw: Buffer.alloc(2048, 0), headers: { "x-ms-diagnostics": forbiddenDiagnostics(user, cmdlet) } };
  }
  const e = cmdletErrors.notAllowedToCall(cmdlet);
  return { status: e.status, body: e.body, headers: {} };
}

// Writes to a directory-synchronised mailbox's synchronised properties belong on-premises.
export function assertNotDirectorySynced(quirks: Quirks, target: Mailbox, cmdlet: string, parameter: string): void {
  if (quirks.directorySynced.includes(target.userPrincipalName.toLowerCase())) throw cmdletErrors.directorySynced(target.name, cmdlet, parameter);
}

export function forbiddenDiagnostics(user: DirectoryUser, cmdlet: string): string {
  const reason = `Insufficient access rights to perform the operation. The user '${user.userPrincipalName}' isn't assigned to any management roles that grant access to the cmdlet '${cmdlet}'.`;
  return `2000010;reason="${reason}";error_category="insufficient_access"`;
}

const inScope = (scope: ManagementScope | null, m: Mailbox) => !scope || m.department.toLowerCase() === scope.department.toLowerCase();

// The recipients a caller's role assignment can read. Organisation-wide unless the assignment
// is scoped to an organisational unit (or administrative unit): then, as in Exchange, its
// recipient read scope is that unit too, and everything outside it is "not found".
export function canRead(user: DirectoryUser, m: Mailbox): boolean {
  return inScope(user.readScope, m);
}

export const readableBy = (user: DirectoryUser) => (m: Mailbox) => canRead(user, m);

// A write to a recipient outside the caller's write scope (a custom scope on an assignment
// that still reads the whole organisation) fails as Exchange fails it.
export function assertInWriteScope(user: DirectoryUser, target: Mailbox): void {
  if (!inScope(user.writeScope, target)) throw cmdletErrors.outOfWriteScope(target.name);
}

// A cmdlet's -Identity as the caller sees it: outside their read scope a mailbox does not exist.
export function resolveTarget(tenant: Tenant, caller: DirectoryUser, identity: string): Mailbox {
  return resolveMailbox(tenant, identity, cmdletErrors.notFound, readableBy(caller));
}
