import { findCalendarFolder } from "@/lib/cmdlets/calendar-permission";
import { readSendOnBehalfNames } from "@/lib/cmdlets/send-on-behalf";
import { readAutoReply } from "@/lib/cmdlets/set-auto-reply";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { toCalendar, toFullAccess, toSendAs, toSendOnBehalf, type TReportRowData } from "./map-report-row";
import type { TTenantDelegates } from "./read-tenant-delegates";

// One mailbox's auto-reply and delegates, with the same cmdlets the mailbox pages use, except
// SendAs and SendOnBehalf, which come from the tenant-wide reads (read-tenant-delegates.ts):
// four calls per mailbox. A mailbox those reads could not attribute is read on its own. The
// calls run one after another: the report already reads several mailboxes at once, and the
// per-tenant cap (lib/exchange/concurrency.ts) is shared with people working interactively.
export async function readReportRow(ex: TExchange, identity: string, tenant: TTenantDelegates): Promise<TReportRowData> {
  const autoReply = await readAutoReply(ex, identity);
  const mailboxPermissions = await ex.invoke("Get-MailboxPermission", { Identity: identity });
  const folder = await findCalendarFolder(ex, identity);
  const folderPermissions = await ex.invoke("Get-MailboxFolderPermission", { Identity: folder });
  const sendAs = tenant.sendAsOf(identity) ?? (await ex.invoke("Get-RecipientPermission", { Identity: identity })).value;
  const onBehalf = tenant.sendOnBehalfOf(identity) ?? (await readSendOnBehalfNames(ex, identity));
  const { directory } = tenant;
  return {
    autoReplyState: autoReply.autoReplyState || null,
    startTime: autoReply.startTime ? new Date(autoReply.startTime) : null,
    endTime: autoReply.endTime ? new Date(autoReply.endTime) : null,
    externalAudience: autoReply.externalAudience || null,
    fullAccess: toFullAccess(mailboxPermissions.value, directory),
    sendAs: toSendAs(sendAs, directory),
    sendOnBehalf: toSendOnBehalf(onBehalf, directory),
    calendar: toCalendar(folderPermissions.value, directory),
  };
}
