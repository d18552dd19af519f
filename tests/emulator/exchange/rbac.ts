import type { DirectoryUser, Mailbox, RoleGroup } from "../tenant/model";
import { cmdletErrors } from "./cmdlet-errors";

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

export function forbiddenDiagnostics(user: DirectoryUser, cmdlet: string): string {
  const reason = `Insufficient access rights to perform the operation. The user '${user.userPrincipalName}' isn't assigned to any management roles that grant access to the cmdlet '${cmdlet}'.`;
  return `2000010;reason="${reason}";error_category="insufficient_access"`;
}

// A write to a recipient outside the caller's management scope fails as Exchange fails it.
// Reads are organisation-wide for everyone in this tenant.
export function assertInWriteScope(user: DirectoryUser, target: Mailbox): void {
  const scope = user.writeScope;
  if (scope && target.department.toLowerCase() !== scope.department.toLowerCase()) {
    throw cmdletErrors.outOfWriteScope(target.name);
  }
}
