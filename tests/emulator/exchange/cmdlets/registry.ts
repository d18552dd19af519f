import { getMailboxAutoReplyConfiguration, setMailboxAutoReplyConfiguration } from "./auto-reply";
import { addMailboxFolderPermission, getMailboxFolderPermission, removeMailboxFolderPermission, setMailboxFolderPermission } from "./folder-permission";
import { getMailboxFolderStatistics } from "./folder-statistics";
import { getMailbox, getRecipient } from "./get-recipients";
import { addMailboxPermission, getMailboxPermission, removeMailboxPermission } from "./mailbox-permission";
import { addRecipientPermission, getRecipientPermission, removeRecipientPermission } from "./recipient-permission";
import { getMailboxRegionalConfiguration } from "./regional";
import { setMailbox } from "./set-mailbox";
import type { CmdletDefinition } from "./types";

const IMPLEMENTED: CmdletDefinition[] = [
  getRecipient,
  getMailbox,
  setMailbox,
  getMailboxAutoReplyConfiguration,
  setMailboxAutoReplyConfiguration,
  getMailboxRegionalConfiguration,
  getMailboxPermission,
  addMailboxPermission,
  removeMailboxPermission,
  getRecipientPermission,
  addRecipientPermission,
  removeRecipientPermission,
  getMailboxFolderStatistics,
  getMailboxFolderPermission,
  addMailboxFolderPermission,
  setMailboxFolderPermission,
  removeMailboxFolderPermission,
];

export type CmdletLookup = { kind: "implemented"; cmdlet: CmdletDefinition } | { kind: "unknown" };

// Cmdlet names are case-insensitive ("get-mailbox" works).
export function findCmdlet(name: string): CmdletLookup {
  const wanted = name.trim().toLowerCase();
  const cmdlet = IMPLEMENTED.find((c) => c.name.toLowerCase() === wanted);
  return cmdlet ? { kind: "implemented", cmdlet } : { kind: "unknown" };
}
