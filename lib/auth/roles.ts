// App roles decide what ExoDesk lets a person ask for; Exchange RBAC decides what happens.
export const APP_ROLES = ["ExoDesk.Helpdesk", "ExoDesk.Approver", "ExoDesk.Auditor", "ExoDesk.Admin"] as const;
export type TAppRole = (typeof APP_ROLES)[number];

export type TPermission = "mailbox.read" | "request.submit" | "request.readOwn" | "request.approve" | "policy.edit" | "template.edit" | "audit.read" | "report.build" | "session.endOwn" | "session.manage" | "notification.readOwn";

const grants: Record<TPermission, readonly TAppRole[]> = {
  "mailbox.read": ["ExoDesk.Helpdesk", "ExoDesk.Approver", "ExoDesk.Admin"],
  "request.submit": ["ExoDesk.Helpdesk", "ExoDesk.Approver"],
  "request.readOwn": ["ExoDesk.Helpdesk", "ExoDesk.Approver", "ExoDesk.Admin"],
  "request.approve": ["ExoDesk.Approver"],
  "policy.edit": ["ExoDesk.Admin"],
  "template.edit": ["ExoDesk.Admin"],
  "audit.read": ["ExoDesk.Auditor"],
  // A report reads every mailbox in the person's Exchange scope: the roles that read mailboxes.
  "report.build": ["ExoDesk.Helpdesk", "ExoDesk.Approver", "ExoDesk.Admin"],
  // Ending one's own sessions everywhere; ending anyone's is the admin's.
  "session.endOwn": APP_ROLES,
  "session.manage": ["ExoDesk.Admin"],
  // One's own in-app notifications (the bell): everyone signed in with a role.
  "notification.readOwn": APP_ROLES,
};

export function toAppRoles(claim: unknown): TAppRole[] {
  if (!Array.isArray(claim)) return [];
  return claim.filter((r): r is TAppRole => (APP_ROLES as readonly string[]).includes(r));
}

export function hasPermission(roles: readonly TAppRole[], permission: TPermission): boolean {
  return grants[permission].some((r) => roles.includes(r));
}

// Where a person lands after signing in: the first page their roles open.
export function homePathFor(roles: readonly TAppRole[]): string {
  if (hasPermission(roles, "mailbox.read")) return "/mailboxes";
  if (hasPermission(roles, "audit.read")) return "/audit";
  return "/no-access";
}
