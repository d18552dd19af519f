import { z } from "zod";
import { ExchangeError } from "@/lib/exchange/errors";
import { CALENDAR_ROLES, NOTIFIABLE_CALENDAR_ROLES } from "./calendar-roles";
import { normaliseSharingFlags, readSharingFlags } from "./permission-entries";
import { refuseSelfDelegation, toStringList, ZDelegateTarget, ZTargetOnly, type TDelegateTarget } from "./delegate-params";
import type { TCatalogueAction } from "./types";
import type { TExchange } from "@/lib/exchange/create-exchange";

// Calendar roles and delegates: the calendar folder's real (localised) name first, from
// Get-MailboxFolderStatistics, then Get-/Add-/Set-/Remove-MailboxFolderPermission on it.

export async function findCalendarFolder(ex: TExchange, identity: string): Promise<string> {
  const { value } = await ex.invoke("Get-MailboxFolderStatistics", { Identity: identity, FolderScope: "Calendar" });
  const folder = value.find((f) => f.FolderType === "Calendar") ?? value[0];
  const name = typeof folder?.Name === "string" && folder.Name ? folder.Name : null;
  if (!name) throw new ExchangeError("not_found", `Exchange reported no calendar folder for ${identity}.`);
  return `${identity}:\\${name}`;
}

export type TCalendarState = { folder: string; accessRights: string[]; sharingPermissionFlags: string };

export async function readCalendarEntry(ex: TExchange, identity: string, trustee: string): Promise<TCalendarState> {
  const folder = await findCalendarFolder(ex, identity);
  try {
    const { value } = await ex.invoke("Get-MailboxFolderPermission", { Identity: folder, User: trustee });
    const entry = value[0];
    return { folder, accessRights: toStringList(entry?.AccessRights), sharingPermissionFlags: normaliseSharingFlags(entry?.SharingPermissionFlags) ?? "None" };
  } catch (e) {
    if (e instanceof ExchangeError && (e.kind === "entry_missing" || e.kind === "not_found")) return { folder, accessRights: [], sharingPermissionFlags: "None" };
    throw e;
  }
}

export const ZSetCalendarPermission = ZDelegateTarget.extend({
  accessRights: z.enum(CALENDAR_ROLES, "Choose a calendar role."),
  delegate: z.boolean(),
  canViewPrivateItems: z.boolean(),
  sendNotificationToUser: z.boolean(),
}).superRefine((p, ctx) => {
  refuseSelfDelegation(p, ctx);
  if (p.delegate && p.accessRights !== "Editor") {
    ctx.addIssue({ code: "custom", path: ["delegate"], message: "Only an Editor can be a calendar delegate. Choose Editor or clear Delegate." });
  }
  if (p.canViewPrivateItems && !p.delegate) {
    ctx.addIssue({ code: "custom", path: ["canViewPrivateItems"], message: "Private items can only be shown to a delegate. Tick Delegate as well, or clear this." });
  }
  if (p.sendNotificationToUser && !NOTIFIABLE_CALENDAR_ROLES.includes(p.accessRights)) {
    ctx.addIssue({
      code: "custom",
      path: ["sendNotificationToUser"],
      message: "Exchange sends a sharing notification only with the AvailabilityOnly, LimitedDetails, Reviewer or Editor role. Choose one of those, or clear the notification.",
    });
  }
});
export type TSetCalendarPermission = z.infer<typeof ZSetCalendarPermission>;

function toFlags(p: TSetCalendarPermission): string {
  return p.delegate ? (p.canViewPrivateItems ? "Delegate,CanViewPrivateItems" : "Delegate") : "None";
}

export const setCalendarPermission: TCatalogueAction<TSetCalendarPermission, TCalendarState> = {
  id: "calendar.set",
  label: "Set calendar role",
  risk: "high",
  schema: ZSetCalendarPermission,
  readState: (ex, p) => readCalendarEntry(ex, p.identity, p.trustee),
  apply(ex, p, clientRequestId, before) {
    // An entry that exists is changed (Set); otherwise one is added (Add).
    const cmdlet = before.accessRights.length > 0 ? "Set-MailboxFolderPermission" : "Add-MailboxFolderPermission";
    const parameters: Record<string, unknown> = { Identity: before.folder, User: p.trustee, AccessRights: [p.accessRights] };
    // Sent only when asked for: Exchange documents the switch for four roles only, and whether it
    // refuses an explicit false with the others is not known, so false is left to its default.
    if (p.sendNotificationToUser) parameters.SendNotificationToUser = true;
    if (p.delegate) parameters.SharingPermissionFlags = toFlags(p);
    return ex.invoke(cmdlet, parameters, { clientRequestId });
  },
  isApplied: (p, s) => s.accessRights.includes(p.accessRights) && normaliseSharingFlags(s.sharingPermissionFlags) === normaliseSharingFlags(toFlags(p)),
  inverse(p, before) {
    if (before.accessRights.length === 0) return { actionId: "calendar.remove", params: { identity: p.identity, trustee: p.trustee } };
    const flags = readSharingFlags(before.sharingPermissionFlags);
    const role = (CALENDAR_ROLES as readonly string[]).includes(before.accessRights[0]!) ? before.accessRights[0]! : "Reviewer";
    return {
      actionId: "calendar.set",
      params: { identity: p.identity, trustee: p.trustee, accessRights: role, delegate: flags.includes("Delegate"), canViewPrivateItems: flags.includes("CanViewPrivateItems"), sendNotificationToUser: false },
    };
  },
};

export const removeCalendarPermission: TCatalogueAction<TDelegateTarget, TCalendarState> = {
  id: "calendar.remove",
  label: "Remove calendar role",
  risk: "low",
  schema: ZTargetOnly,
  readState: (ex, p) => readCalendarEntry(ex, p.identity, p.trustee),
  apply: (ex, p, clientRequestId, before) => ex.invoke("Remove-MailboxFolderPermission", { Identity: before.folder, User: p.trustee, Confirm: false }, { clientRequestId }),
  isApplied: (_p, s) => s.accessRights.length === 0,
  inverse: (p, before) => setCalendarPermission.inverse({ ...p, accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false }, before),
};
