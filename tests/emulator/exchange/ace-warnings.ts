// The warnings (in @adminapi.warnings, with a 200) that the ACL cmdlets give when a change
// would do nothing. Add-/Remove-MailboxPermission and Add-/Remove-RecipientPermission warn
// rather than fail; the folder permission cmdlets fail instead (cmdlet-errors.ts).

export const aceWarnings = {
  alreadyPresent: (object: string, account: string) =>
    `The appropriate access control entry is already present on the object "${object}" for account "${account}".`,
  // Remove-MailboxPermission and Remove-RecipientPermission word the same case differently
  // (public clients match on "because the ACE doesn't exist" and "because the ACE isn't present").
  mailboxAceMissing: (object: string, account: string) =>
    `Can't remove the access control entry on the object "${object}" for account "${account}" because the ACE doesn't exist on the object.`,
  recipientAceMissing: (object: string, account: string) =>
    `Can't remove the access control entry on the object "${object}" for account "${account}" because the ACE isn't present.`,
  inheritedIgnored: (rights: string[], deny: boolean, object: string) =>
    `An inherited access control entry has been specified: [Rights: ${rights.join(", ")}, ControlType: ${deny ? "Deny" : "Allow"}] and was ignored on object "${object}".`,
};

export function noSettingsModified(identity: string): string {
  return `The command completed successfully but no settings of '${identity}' have been modified.`;
}
