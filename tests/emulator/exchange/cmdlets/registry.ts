import { getMailboxAutoReplyConfiguration, setMailboxAutoReplyConfiguration } from "./auto-reply";
import { getMailbox, getRecipient } from "./get-recipients";
import { getMailboxRegionalConfiguration } from "./regional";
import type { CmdletDefinition } from "./types";

const IMPLEMENTED: CmdletDefinition[] = [
  getRecipient,
  getMailbox,
  getMailboxAutoReplyConfiguration,
  setMailboxAutoReplyConfiguration,
  getMailboxRegionalConfiguration,
];

// Real cmdlets of ExoDesk's catalogue that the emulator does not answer yet: refused with
// 501 rather than pretending Exchange does not know them.
const NOT_YET_IMPLEMENTED = [
  "Set-Mailbox",
  "Get-MailboxPermission",
  "Add-MailboxPermission",
  "Remove-MailboxPermission",
  "Get-RecipientPermission",
  "Add-RecipientPermission",
  "Remove-RecipientPermission",
  "Get-MailboxFolderStatistics",
  "Get-MailboxFolderPermission",
  "Add-MailboxFolderPermission",
  "Set-MailboxFolderPermission",
  "Remove-MailboxFolderPermission",
];

export type CmdletLookup =
  | { kind: "implemented"; cmdlet: CmdletDefinition }
  | { kind: "not-implemented"; name: string }
  | { kind: "unknown" };

// Cmdlet names are case-insensitive ("get-mailbox" works).
export function findCmdlet(name: string): CmdletLookup {
  const wanted = name.trim().toLowerCase();
  const cmdlet = IMPLEMENTED.find((c) => c.name.toLowerCase() === wanted);
  if (cmdlet) return { kind: "implemented", cmdlet };
  const later = NOT_YET_IMPLEMENTED.find((n) => n.toLowerCase() === wanted);
  return later ? { kind: "not-implemented", name: later } : { kind: "unknown" };
}
