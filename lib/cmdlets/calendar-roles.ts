// Calendar folder roles Exchange accepts for AccessRights (None is what removal leaves).
export const CALENDAR_ROLES = [
  "Owner", "PublishingEditor", "Editor", "PublishingAuthor", "Author", "NonEditingAuthor",
  "Reviewer", "Contributor", "AvailabilityOnly", "LimitedDetails",
] as const;
