import type { TExchange } from "@/lib/exchange/create-exchange";
import { SEED_MAILBOXES } from "../../emulator/index";
import type { TEmulatorMailbox } from "./emulator-exchange";

// Every catalogue action as a change to revert: the before-state to set up (through Exchange),
// the change, and the part of the emulator's stored mailbox that must come back as it was.
export const MAILBOX = SEED_MAILBOXES.meganBowen;
export const TRUSTEE = "alex.wilber@contoso.onmicrosoft.com";
const OTHER = "diego.siciliani@contoso.onmicrosoft.com";
const inDays = (d: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + d * 86_400_000).toISOString();

export type TRevertCase = {
  name: string;
  mailbox?: string;
  actionId: string;
  params: Record<string, unknown>;
  setup?: (ex: TExchange) => Promise<unknown>;
  part: (m: TEmulatorMailbox) => unknown;
};

// The whole auto-reply state, schedule window included: a revert sends the earlier window back
// whatever the state was.
const autoReplyPart = (m: TEmulatorMailbox) => m.autoReply;
const disabledWithMessages = (ex: TExchange) =>
  ex.invoke("Set-MailboxAutoReplyConfiguration", {
    Identity: MAILBOX,
    AutoReplyState: "Disabled",
    InternalMessage: "<p>Back on Monday, ask <b>Alex</b>.</p>",
    ExternalMessage: "<p>I am away until Monday.</p>",
    ExternalAudience: "Known",
  });
const folder = `${MAILBOX}:\\Calendar`;
const addCalendar = (rights: string, flags?: string) => (ex: TExchange) =>
  ex.invoke("Add-MailboxFolderPermission", { Identity: folder, User: TRUSTEE, AccessRights: [rights], ...(flags ? { SharingPermissionFlags: flags } : {}) });
const calendarPart = (m: TEmulatorMailbox) => m.calendar.permissions;
const message = { internalMessage: "<p>On leave</p>", externalMessage: "<p>Out of office</p>", externalAudience: "All" };

export const revertCases: TRevertCase[] = [
  { name: "auto-reply Enabled", actionId: "auto-reply.set", params: { autoReplyState: "Enabled", startTime: null, endTime: null, ...message }, setup: disabledWithMessages, part: autoReplyPart },
  {
    name: "auto-reply Scheduled",
    actionId: "auto-reply.set",
    params: { autoReplyState: "Scheduled", startTime: inDays(1), endTime: inDays(3), ...message },
    setup: disabledWithMessages,
    part: autoReplyPart,
  },
  {
    name: "auto-reply Disabled, from Scheduled",
    mailbox: SEED_MAILBOXES.emilyBraun,
    actionId: "auto-reply.set",
    params: { autoReplyState: "Disabled", startTime: null, endTime: null, internalMessage: "", externalMessage: "", externalAudience: "None" },
    part: autoReplyPart,
  },
  { name: "grant FullAccess", actionId: "full-access.grant", params: { trustee: TRUSTEE, autoMapping: false }, part: (m) => m.mailboxPermissions },
  {
    name: "remove FullAccess",
    actionId: "full-access.remove",
    params: { trustee: TRUSTEE },
    // Automapping cannot be read from Exchange; the revert restores the default (true).
    setup: (ex) => ex.invoke("Add-MailboxPermission", { Identity: MAILBOX, User: TRUSTEE, AccessRights: ["FullAccess"], AutoMapping: true, InheritanceType: "All" }),
    part: (m) => m.mailboxPermissions,
  },
  { name: "grant SendAs", actionId: "send-as.grant", params: { trustee: TRUSTEE }, part: (m) => m.recipientPermissions },
  {
    name: "remove SendAs",
    actionId: "send-as.remove",
    params: { trustee: TRUSTEE },
    setup: (ex) => ex.invoke("Add-RecipientPermission", { Identity: MAILBOX, Trustee: TRUSTEE, AccessRights: ["SendAs"], Confirm: false }),
    part: (m) => m.recipientPermissions,
  },
  {
    name: "grant SendOnBehalf",
    actionId: "send-on-behalf.grant",
    params: { trustee: TRUSTEE },
    setup: (ex) => ex.invoke("Set-Mailbox", { Identity: MAILBOX, GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", Add: [OTHER] } }),
    part: (m) => m.grantSendOnBehalfTo,
  },
  {
    name: "remove SendOnBehalf",
    actionId: "send-on-behalf.remove",
    params: { trustee: TRUSTEE },
    setup: (ex) => ex.invoke("Set-Mailbox", { Identity: MAILBOX, GrantSendOnBehalfTo: { "@odata.type": "#Exchange.GenericHashTable", Add: [OTHER, TRUSTEE] } }),
    part: (m) => m.grantSendOnBehalfTo,
  },
  {
    name: "calendar role, new",
    actionId: "calendar.set",
    params: { trustee: TRUSTEE, accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false },
    part: calendarPart,
  },
  {
    name: "calendar role, changed to a delegate",
    actionId: "calendar.set",
    params: { trustee: TRUSTEE, accessRights: "Editor", delegate: true, canViewPrivateItems: true, sendNotificationToUser: false },
    setup: addCalendar("Reviewer"),
    part: calendarPart,
  },
  {
    name: "calendar role, delegate changed to a reviewer",
    actionId: "calendar.set",
    params: { trustee: TRUSTEE, accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false },
    setup: addCalendar("Editor", "Delegate,CanViewPrivateItems"),
    part: calendarPart,
  },
  { name: "calendar role removed", actionId: "calendar.remove", params: { trustee: TRUSTEE }, setup: addCalendar("Editor", "Delegate"), part: calendarPart },
];

