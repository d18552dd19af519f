// Calendar folder roles Exchange accepts for AccessRights (None is what removal leaves).
export const CALENDAR_ROLES = [
  "Owner", "PublishingEditor", "Editor", "PublishingAuthor", "Author", "NonEditingAuthor",
  "Reviewer", "Contributor", "AvailabilityOnly", "LimitedDetails",
] as const;

// The roles Exchange accepts SendNotificationToUser with (Add-/Set-MailboxFolderPermission docs).
export const NOTIFIABLE_CALENDAR_ROLES: readonly string[] = ["AvailabilityOnly", "LimitedDetails", "Reviewer", "Editor"];
