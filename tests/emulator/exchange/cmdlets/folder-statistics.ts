import { IDENTITY } from "../parameters";
import { cmdletErrors } from "../cmdlet-errors";
import { calendarStatisticsObject } from "../permission-views";
import { resolveTarget } from "../rbac";
import type { CmdletDefinition } from "./types";

// Get-MailboxFolderStatistics -FolderScope Calendar: how a client learns the calendar's
// localised name ("Kalender", "Calendrier") before it builds "<mailbox>:\<name>".
const FOLDER_SCOPES = [
  "All", "Archive", "Calendar", "Contacts", "ConversationHistory", "DeletedItems", "Drafts", "Inbox", "JunkEmail", "Journal",
  "LegacyArchiveJournals", "ManagedCustomFolder", "NonIpmRoot", "Notes", "Outbox", "Personal", "RecoverableItems",
  "RssSubscriptions", "SentItems", "SyncIssues", "Tasks",
] as const;

export const getMailboxFolderStatistics: CmdletDefinition = {
  name: "Get-MailboxFolderStatistics",
  parameters: [
    IDENTITY,
    { name: "FolderScope", type: "enum", values: FOLDER_SCOPES, enumType: "Microsoft.Exchange.Data.Directory.SystemConfiguration.ElcFolderType" },
  ],
  run: ({ ctx, caller, params }) => {
    const m = resolveTarget(ctx.state.tenant, caller, params.get("Identity") as string);
    if (params.get("FolderScope") !== "Calendar") throw cmdletErrors.notModelled("folders other than the calendar: use -FolderScope Calendar");
    return { rows: [calendarStatisticsObject(m)], warnings: [] };
  },
};
