import type { AppRole, AutoReplyState, ExternalAudience, ManagementScope, RecipientTypeDetails, RoleGroup } from "./model";

// The demo tenant's people and resources, as data. tenant/seed.ts turns them into mailboxes.

export type SeedAutoReply = {
  state: AutoReplyState;
  start?: string; // ISO UTC
  end?: string;
  internal: string;
  external?: string;
  audience: ExternalAudience;
};

export type SeedRecipient = {
  alias: string; // local part of UPN and primary SMTP address
  first: string;
  last: string;
  displayName?: string; // defaults to "first last"
  type: RecipientTypeDetails;
  department: string;
  title: string;
  office: string;
  timeZone: string | null; // null: the owner never opened Outlook on the web
  language: string | null;
  autoReply?: SeedAutoReply;
};

export type SeedDemoUser = SeedRecipient & {
  appRoles: AppRole[];
  roleGroups: RoleGroup[];
  readScope?: ManagementScope;
  writeScope?: ManagementScope;
};

// The two ways Exchange limits a helpdesk to Sales. A custom write scope on the assignment
// limits writes only; the assignment still reads the whole organisation.
export const SALES_WRITE_SCOPE: ManagementScope = {
  name: "Sales Recipients",
  recipientRestrictionFilter: "Department -eq 'Sales'",
  department: "Sales",
};
// An assignment scoped to the Sales unit: its recipient read scope and write scope are both the
// unit, so nothing outside Sales can be found, let alone changed.
export const SALES_UNIT_SCOPE: ManagementScope = {
  name: "Sales",
  recipientRestrictionFilter: "Department -eq 'Sales'",
  department: "Sales",
};

type Row = [alias: string, first: string, last: string, department: string, title: string, office: string, timeZone: string | null, language: string | null];

function user(row: Row, autoReply?: SeedAutoReply): SeedRecipient {
  const [alias, first, last, department, title, office, timeZone, language] = row;
  return { alias, first, last, type: "UserMailbox", department, title, office, timeZone, language, autoReply };
}

function resource(
  type: RecipientTypeDetails,
  alias: string,
  displayName: string,
  department: string,
  timeZone: string | null,
  language: string | null,
  autoReply?: SeedAutoReply,
): SeedRecipient {
  return { alias, first: "", last: "", displayName, type, department, title: "", office: "", timeZone, language, autoReply };
}

const WE = "W. Europe Standard Time";
const PST = "Pacific Standard Time";
const EST = "Eastern Standard Time";
const CST = "Central Standard Time";
const GMT = "GMT Standard Time";
const AEST = "E. Australia Standard Time";

export const DEMO_USER_SEED: SeedDemoUser[] = [
  { ...user(["helpdesk", "Helpdesk", "Agent", "IT", "Service Desk Analyst", "London", GMT, "en-GB"]), appRoles: ["ExoDesk.Helpdesk"], roleGroups: ["Recipient Management"] },
  {
    ...user(["scoped.helpdesk", "Scoped", "Helpdesk", "IT", "Sales Service Desk Analyst", "Munich", WE, "en-GB"]),
    appRoles: ["ExoDesk.Helpdesk"],
    roleGroups: ["Recipient Management"],
    readScope: SALES_UNIT_SCOPE,
    writeScope: SALES_UNIT_SCOPE,
  },
  {
    ...user(["writescope.helpdesk", "Sales Write-Scope", "Helpdesk", "IT", "Service Desk Analyst", "Munich", WE, "en-GB"]),
    appRoles: ["ExoDesk.Helpdesk"],
    roleGroups: ["Recipient Management"],
    writeScope: SALES_WRITE_SCOPE,
  },
  { ...user(["approver", "Approving", "Manager", "IT", "Service Desk Manager", "London", GMT, "en-GB"]), appRoles: ["ExoDesk.Approver"], roleGroups: ["Recipient Management"] },
  { ...user(["auditor", "Compliance", "Auditor", "Legal", "Compliance Auditor", "New York", EST, "en-US"]), appRoles: ["ExoDesk.Auditor"], roleGroups: ["View-Only Organization Management"] },
  { ...user(["admin", "ExoDesk", "Administrator", "IT", "Messaging Administrator", "Seattle", PST, "en-US"]), appRoles: ["ExoDesk.Admin"], roleGroups: ["Organization Management"] },
  { ...user(["norole", "No Role", "User", "IT", "Service Desk Analyst", "London", GMT, "en-GB"]), appRoles: [], roleGroups: ["Recipient Management"] },
  { ...user(["noexchange", "No Exchange", "User", "IT", "Service Desk Analyst", "London", GMT, "en-GB"]), appRoles: ["ExoDesk.Helpdesk"], roleGroups: [] },
];

// B2B guests (tenant/seed-guests.ts): staff of a partner company invited into Contoso, with
// ExoDesk's app role and an Exchange role group assigned here.
export type SeedGuestUser = { homeUpn: string; homeTenant: string; first: string; last: string; appRoles: AppRole[]; roleGroups: RoleGroup[] };

export const GUEST_USER_SEED: SeedGuestUser[] = [
  { homeUpn: "alex@fabrikam.com", homeTenant: "fabrikam", first: "Alex", last: "Guest (Fabrikam)", appRoles: ["ExoDesk.Helpdesk"], roleGroups: ["Recipient Management"] },
];

export const RECIPIENT_SEED: SeedRecipient[] = [
  user(["adele.vance", "Adele", "Vance", "Sales", "Sales Representative", "Munich", WE, "de-DE"]),
  user(["megan.bowen", "Megan", "Bowen", "Marketing", "Marketing Manager", "Seattle", PST, "en-US"]),
  user(["alex.wilber", "Alex", "Wilber", "Sales", "Sales Manager", "New York", EST, "en-US"]),
  user(["allan.deyoung", "Allan", "Deyoung", "IT", "IT Administrator", "Seattle", PST, "en-US"]),
  user(["christie.cline", "Christie", "Cline", "Sales", "Buyer", "London", GMT, "en-GB"], {
    state: "Enabled",
    internal: "I'm away from the office this week. For urgent orders contact Alex Wilber.",
    external: "Thank you for your message. I'm away this week and will reply when I'm back.",
    audience: "All",
  }),
  user(["debra.berger", "Debra", "Berger", "Executive Management", "Administrative Assistant", "New York", EST, "en-US"]),
  user(["diego.siciliani", "Diego", "Siciliani", "HR", "HR Manager", "Milan", WE, "it-IT"]),
  user(["emily.braun", "Emily", "Braun", "Finance", "Budget Analyst", "Boston", EST, "en-US"], {
    state: "Scheduled",
    start: "2030-07-01T07:00:00Z",
    end: "2030-07-15T17:00:00Z",
    internal: "I'm on leave until 15 July. Budget questions go to Liam O'Brien.",
    external: "I'm on leave until 15 July and will reply after I return.",
    audience: "All",
  }),
  user(["enrico.cattaneo", "Enrico", "Cattaneo", "Legal", "Attorney", "Rome", WE, "it-IT"]),
  user(["grady.archie", "Grady", "Archie", "Engineering", "Designer", "Seattle", PST, "en-US"]),
  user(["henrietta.mueller", "Henrietta", "Mueller", "Engineering", "Developer", "Berlin", WE, "de-DE"]),
  user(["isaiah.langer", "Isaiah", "Langer", "Sales", "Sales Representative", "Chicago", CST, "en-US"]),
  user(["johanna.lorenz", "Johanna", "Lorenz", "Engineering", "Senior Engineer", "Vienna", WE, "de-DE"], {
    state: "Scheduled",
    start: "2031-03-01T08:00:00Z",
    end: "2031-03-10T16:00:00Z",
    internal: "Ich bin bis 10. März nicht im Büro.",
    audience: "None",
  }),
  user(["joni.sherman", "Joni", "Sherman", "Legal", "Paralegal", "Atlanta", EST, "en-US"]),
  user(["lee.gu", "Lee", "Gu", "Engineering", "Director", "Singapore", "Singapore Standard Time", "en-US"]),
  user(["lidia.holloway", "Lidia", "Holloway", "Engineering", "Product Manager", "Brisbane", AEST, "en-AU"]),
  user(["lynne.robbins", "Lynne", "Robbins", "Marketing", "Planner", "London", GMT, "en-GB"], {
    state: "Enabled",
    internal: "I'm out of the office today.",
    external: "I'm out of the office today and will answer tomorrow.",
    audience: "Known",
  }),
  user(["miriam.graham", "Miriam", "Graham", "Marketing", "Director", "Seattle", PST, "en-US"]),
  user(["nestor.wilke", "Nestor", "Wilke", "Operations", "Director", "New York", EST, "en-US"]),
  user(["patti.fernandez", "Patti", "Fernandez", "Executive Management", "President", "Seattle", PST, "en-US"]),
  user(["pradeep.gupta", "Pradeep", "Gupta", "Finance", "Accountant", "Bengaluru", "India Standard Time", "en-IN"], {
    state: "Scheduled",
    start: "2024-12-20T08:00:00Z",
    end: "2025-01-06T08:00:00Z",
    internal: "Away for the holidays.",
    audience: "None",
  }),
  user(["yuki.tanaka", "Yuki", "Tanaka", "Sales", "Account Executive", "Tokyo", "Tokyo Standard Time", "ja-JP"]),
  user(["sofia.rossi", "Sofia", "Rossi", "Sales", "Sales Representative", "Rome", WE, "it-IT"]),
  user(["liam.obrien", "Liam", "O'Brien", "Finance", "Controller", "Dublin", GMT, "en-IE"]),
  user(["chloe.dubois", "Chloé", "Dubois", "Marketing", "Content Strategist", "Paris", "Romance Standard Time", "fr-FR"]),
  user(["jack.thompson", "Jack", "Thompson", "Sales", "Account Manager", "Brisbane", AEST, "en-AU"]),
  user(["mia.nguyen", "Mia", "Nguyen", "HR", "Recruiter", "Ho Chi Minh City", "SE Asia Standard Time", "vi-VN"]),
  user(["lucas.silva", "Lucas", "Silva", "Engineering", "Developer", "São Paulo", "E. South America Standard Time", "pt-BR"]),
  user(["noah.becker", "Noah", "Becker", "Sales", "Sales Representative", "Hamburg", WE, "de-DE"]),
  user(["olivia.martin", "Olivia", "Martin", "Finance", "Analyst", "Toronto", null, null]),
  user(["ethan.clark", "Ethan", "Clark", "Sales", "Sales Trainee", "Denver", null, null]),
  user(["ava.wilson", "Ava", "Wilson", "HR", "HR Generalist", "Dallas", CST, "en-US"]),
  user(["adam.vance", "Adam", "Vance", "Engineering", "Engineer", "Amsterdam", WE, "nl-NL"]),
  user(["carmen.garcia", "Carmen", "García", "Sales", "Sales Representative", "Madrid", "Romance Standard Time", "es-ES"]),
  resource("SharedMailbox", "sales.shared", "Sales Shared", "Sales", WE, "en-GB", {
    state: "Enabled",
    internal: "Thanks for contacting Contoso Sales. We answer within one business day.",
    external: "Thanks for contacting Contoso Sales. We answer within one business day.",
    audience: "All",
  }),
  resource("SharedMailbox", "info", "Contoso Info", "Marketing", PST, "en-US"),
  resource("SharedMailbox", "support", "Customer Support", "Support", EST, "en-US"),
  resource("SharedMailbox", "accounts.payable", "Accounts Payable", "Finance", EST, "en-US"),
  resource("SharedMailbox", "hr.shared", "HR Team", "HR", GMT, "en-GB"),
  resource("SharedMailbox", "marketing.events", "Marketing Events", "Marketing", PST, "en-US"),
  resource("SharedMailbox", "eng.oncall", "Engineering On-Call", "Engineering", PST, "en-US"),
  resource("RoomMailbox", "conf.room1", "Conference Room 1", "", PST, "en-US"),
  resource("RoomMailbox", "conf.room2", "Conference Room 2", "", PST, "en-US"),
  resource("RoomMailbox", "boardroom", "Boardroom", "", EST, "en-US"),
  resource("RoomMailbox", "training.room", "Training Room", "", null, null),
  resource("EquipmentMailbox", "projector1", "Projector 1", "", PST, "en-US"),
];

// Seeded delegations (read by the permission cmdlets a later issue adds).
export const DELEGATION_SEED = {
  fullAccess: [
    { mailbox: "sales.shared", user: "adele.vance" },
    { mailbox: "sales.shared", user: "alex.wilber" },
    { mailbox: "hr.shared", user: "diego.siciliani" },
  ],
  sendAs: [{ mailbox: "sales.shared", trustee: "adele.vance" }],
  sendOnBehalf: [{ mailbox: "megan.bowen", delegate: "miriam.graham" }],
  calendar: [
    { mailbox: "megan.bowen", user: "miriam.graham", accessRights: ["Editor"], sharingPermissionFlags: "Delegate" },
    { mailbox: "patti.fernandez", user: "debra.berger", accessRights: ["Editor"], sharingPermissionFlags: "Delegate, CanViewPrivateItems" },
    { mailbox: "adele.vance", user: "alex.wilber", accessRights: ["Reviewer"], sharingPermissionFlags: null },
  ],
} as const;
