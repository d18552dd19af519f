import "server-only";
import { getRegionalSettings } from "@/lib/cmdlets/read-mailbox";
import type { TAutoReplyParams } from "@/lib/cmdlets/set-auto-reply";
import { getSetting } from "@/lib/env/settings";
import { AppError } from "@/lib/errors/app-error";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { runPool } from "@/lib/jobs/run-pool";
import { describeMissing, END_PLACEHOLDERS, fillPlaceholders, formatEnd, listPlaceholders, MAILBOX_PLACEHOLDERS } from "@/lib/templates/placeholders";
import { toIanaZone } from "@/lib/time/zones";

type TMessages = Pick<TAutoReplyParams, "internalMessage" | "externalMessage">;
const FIELDS = ["internalMessage", "externalMessage"] as const;

// A bulk message from a template keeps the placeholders that differ per mailbox ({{displayName}},
// {{endDate}}, {{endDateTime}}); each mailbox's request gets its own filled copy when the bulk is
// submitted, so the approver, the audit and the read-back all see the message actually set.
// Refuses a message whose placeholders no mailbox could fill (unknown, cover not chosen, no end).
function refuseUnfillable(shared: TMessages & { endTime: string | null }): string[] {
  const used = listPlaceholders(`${shared.internalMessage ?? ""}\n${shared.externalMessage ?? ""}`);
  const errors: Record<string, string[]> = {};
  for (const field of FIELDS) {
    const unfillable = listPlaceholders(shared[field] ?? "").filter(
      (name) => !(MAILBOX_PLACEHOLDERS as readonly string[]).includes(name) || (!shared.endTime && (END_PLACEHOLDERS as readonly string[]).includes(name)),
    );
    if (unfillable.length > 0) errors[field] = [describeMissing(unfillable)];
  }
  if (Object.keys(errors).length > 0) throw new AppError("INVALID_INPUT", Object.values(errors)[0]![0], errors);
  return used;
}

// Each mailbox's messages with its own values: the display name Get-Recipient gave, and the end
// in the mailbox's own time zone and language (Get-MailboxRegionalConfiguration, read only when
// the message uses the end).
export async function fillForMailboxes(ex: TExchange, shared: TMessages & { endTime: string | null }, mailboxes: { address: string; displayName: string }[]): Promise<Map<string, TMessages>> {
  const used = refuseUnfillable(shared);
  const filled = new Map<string, TMessages>();
  if (used.length === 0) return filled;
  const needsEnd = used.some((name) => (END_PLACEHOLDERS as readonly string[]).includes(name));
  const refused: string[] = [];
  await runPool(
    mailboxes,
    async (mailbox) => {
      let end = {};
      if (needsEnd) {
        const regional = await getRegionalSettings(ex, mailbox.address);
        end = formatEnd(new Date(shared.endTime!), toIanaZone(regional.timeZone) ?? "UTC", regional.language);
      }
      const values = { displayName: mailbox.displayName, ...end };
      // A message not given (replies turned off, each mailbox keeping its own) stays so.
      const fill = (html: string | null) => (html === null ? { html: null, missing: [] } : fillPlaceholders(html, values));
      const internal = fill(shared.internalMessage);
      const external = fill(shared.externalMessage);
      const missing = [...internal.missing, ...external.missing];
      if (missing.length > 0) refused.push(`${mailbox.address}: ${describeMissing(missing)}`);
      filled.set(mailbox.address, { internalMessage: internal.html, externalMessage: external.html });
    },
    { concurrency: getSetting("EXODESK_BULK_CONCURRENCY") },
  );
  if (refused.length > 0) throw new AppError("INVALID_INPUT", `The message cannot be filled for ${refused.length} of the mailboxes. ${refused.slice(0, 5).join(" ")}`);
  return filled;
}
