
// The words a person reads when Exchange refuses them for a reason they cannot fix by signing
// in again: their Exchange roles, their write scope, or a mailbox synchronised from on-premises.
// errors.ts builds ExchangeError messages from these, so the reason recorded on a request and
// the text on the page are the same sentence.

type TCmdletWords = { what: string; write: boolean };

// What each cmdlet ExoDesk runs does, in the words of the person who tried it.
const WORDS: Record<string, TCmdletWords> = {
  "Get-Recipient": { what: "looking up recipients", write: false },
  "Get-Mailbox": { what: "looking up mailboxes", write: false },
  "Get-MailboxAutoReplyConfiguration": { what: "reading a mailbox's automatic replies", write: false },
  "Set-MailboxAutoReplyConfiguration": { what: "changing a mailbox's automatic replies", write: true },
  "Get-MailboxRegionalConfiguration": { what: "reading a mailbox's time zone and language", write: false },
  "Get-MailboxPermission": { what: "reading a mailbox's full-access permissions", write: false },
  "Add-MailboxPermission": { what: "giving someone full access to a mailbox", write: true },
  "Remove-MailboxPermission": { what: "removing someone's full access to a mailbox", write: true },
  "Get-RecipientPermission": { what: "reading a mailbox's send-as permissions", write: false },
  "Add-RecipientPermission": { what: "giving someone send-as permission on a mailbox", write: true },
  "Remove-RecipientPermission": { what: "removing someone's send-as permission on a mailbox", write: true },
  "Set-Mailbox": { what: "changing a mailbox's settings (such as who may send on its behalf)", write: true },
  "Get-MailboxFolderPermission": { what: "reading a mailbox's calendar permissions", write: false },
  "Add-MailboxFolderPermission": { what: "giving someone access to a mailbox's calendar", write: true },
  "Set-MailboxFolderPermission": { what: "changing someone's access to a mailbox's calendar", write: true },
  "Remove-MailboxFolderPermission": { what: "removing someone's access to a mailbox's calendar", write: true },
  "Get-MailboxFolderStatistics": { what: "reading a mailbox's folder list", write: false },
};

const CMDLETS = new Map(Object.entries(WORDS).map(([name, words]) => [name.toLowerCase(), { name, ...words }]));

// Reads come with View-Only Recipients, writes with Mail Recipients (Recipient Management
// role group); Organization Management has both.
const READ_GROUPS = "the Recipient Management role group (or View-Only Organization Management, to look without changing)";
const WRITE_GROUPS = "the Recipient Management role group";

export function describeCmdlet(cmdlet: string | undefined): { what: string; roleGroups: string } {
  const known = cmdlet === undefined ? undefined : CMDLETS.get(cmdlet.trim().toLowerCase());
  if (known) return { what: `${known.what} (${known.name})`, roleGroups: known.write ? WRITE_GROUPS : READ_GROUPS };
  if (cmdlet !== undefined && cmdlet.trim() !== "") {
    const write = !/^get-/i.test(cmdlet.trim());
    return { what: `running ${cmdlet.trim()}`, roleGroups: write ? WRITE_GROUPS : READ_GROUPS };
  }
  return { what: "this", roleGroups: "a role group that allows it" };
}

export function describeRoleRefusal(cmdlet: string | undefined): string {
  const { what, roleGroups } = describeCmdlet(cmdlet);
  return `Your Exchange roles do not allow ${what}; ask your Exchange administrator for ${roleGroups}. Signing in again will not change this.`;
}

export function describeOutOfWriteScope(exchangeText: string | undefined): string {
  const plain = "That mailbox is outside the part of the organisation your Exchange roles let you change; ask your Exchange administrator if you need to change it.";
  return exchangeText ? `${plain} Exchange said: ${exchangeText}` : plain;
}

// Exchange words this as a write-scope failure too ("…out of the current user's write scope…
// because the object is being synchronized from your on-premises organization"): quoting it
// would tell the person the opposite of what helps, so it is left to the audit's error class.
export function describeDirectorySynced(): string {
  return "This mailbox is managed in your on-premises Active Directory; change it there (or ask whoever runs it), not in ExoDesk.";
}
