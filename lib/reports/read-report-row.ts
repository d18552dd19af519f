import { findCalendarFolder } from "@/lib/cmdlets/calendar-permission";
import { readSendOnBehalfNames } from "@/lib/cmdlets/send-on-behalf";
import { readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { toCalendar, toFullAccess, toSendAs, toSendOnBehalf, type TReportRowData } from "./map-report-row";
import type { TTrusteeDirectory } from "@/lib/cmdlets/permission-entries";

// One mailbox's auto-reply and delegates, with the same cmdlets the mailbox pages use. The
// calls run one after another: the report already reads several mailboxes at once, and the
// per-tenant cap (lib/exchange/concurrency.ts) is shared with people working interactively.
export async function readReportRow(ex: TExchange, identity: string, directory: TTrusteeDirectory): Promise<TReportRowData> {
  const autoReply = await readAutoReply(ex, identity);
  const mailboxPermissions = await ex.invoke("Get-MailboxPermission", { Identity: identity });
  const recipientPermissions = await ex.invoke("Get-RecipientPermission", { Identity: identity });
  const onBehalf = await readSendOnBehalfNames(ex, identity);
  const folder = await findCalendarFolder(ex, identity);
  const folderPermissions = await ex.invoke("Get-MailboxFolderPermission", { Identity: folder });
  return {
    autoReplyState: autoReply.autoReplyState || null,
    startTime: autoReply.startTime ? new Date(autoReply.startTime) : null,
    endTime: autoReply.endTime ? new Date(autoReply.endTime) : null,
    externalAudience: autoReply.externalAudience || null,
    fullAccess: toFullAccess(mailboxPermissions.value, directory),
    sendAs: toSendAs(recipientPermissions.value, directory),
    sendOnBehalf: toSendOnBehalf(onBehalf, directory),
    calendar: toCalendar(folderPermissions.value, directory),
  };
}
