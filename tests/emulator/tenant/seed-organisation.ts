import type { ExternalAudience, Mailbox, RecipientTypeDetails, Tenant } from "./model";
import { mailboxOf, upnOf } from "./seed";
import { aliasMap, generatedMailboxNumber, generatedPerson, hasGuidName, MAX_SEEDED_MAILBOXES, nameByDirectoryId } from "./seed-delegates";
import type { SeedAutoReply, SeedRecipient } from "./seed-people";

// A large tenant for the reports and bulk changes of issue #8: `count` generated mailboxes on
// top of the demo ones, varied as a real organisation is (departments, user/shared/room
// mailboxes, regions, automatic replies, delegates of every kind), the same on every run.
// Repeating it adds nothing; a larger count adds the rest.

export const MAX_TENANT_MAILBOXES = MAX_SEEDED_MAILBOXES;

// A quarter of the organisation works in Sales, so a Sales-scoped helpdesk sees a real share.
const DEPARTMENTS = ["Sales", "Engineering", "Sales", "Marketing", "Finance", "Sales", "Operations", "Engineering", "HR", "Legal", "Support", "Executive Management"];
const TITLES = ["Specialist", "Manager", "Analyst", "Coordinator", "Director", "Associate"];
const SHARED_PURPOSES = ["Inbox", "Orders", "Enquiries", "Projects", "Desk"];
// Office, Windows time zone, language. Every 53rd owner has never opened Outlook on the web.
const REGIONS: [office: string, timeZone: string, language: string][] = [
  ["Munich", "W. Europe Standard Time", "de-DE"],
  ["London", "GMT Standard Time", "en-GB"],
  ["Seattle", "Pacific Standard Time", "en-US"],
  ["New York", "Eastern Standard Time", "en-US"],
  ["Chicago", "Central Standard Time", "en-US"],
  ["Paris", "Romance Standard Time", "fr-FR"],
  ["Madrid", "Romance Standard Time", "es-ES"],
  ["Milan", "W. Europe Standard Time", "it-IT"],
  ["Amsterdam", "W. Europe Standard Time", "nl-NL"],
  ["Tokyo", "Tokyo Standard Time", "ja-JP"],
  ["Bengaluru", "India Standard Time", "en-IN"],
  ["Brisbane", "E. Australia Standard Time", "en-AU"],
  ["São Paulo", "E. South America Standard Time", "pt-BR"],
  ["Dublin", "GMT Standard Time", "en-IE"],
];
const AUDIENCES: ExternalAudience[] = ["All", "Known", "None"];
const DAY_MS = 86_400_000;

const slug = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-");

function kindOf(i: number): RecipientTypeDetails {
  if (i % 250 === 42) return "EquipmentMailbox"; // instead of every tenth room
  if (i % 25 === 5) return "SharedMailbox";
  if (i % 25 === 17) return "RoomMailbox";
  return "UserMailbox";
}

function autoReplyOf(i: number, cover: string): SeedAutoReply | undefined {
  const audience = AUDIENCES[Math.floor(i / 10) % AUDIENCES.length]!;
  const external = audience === "None" ? undefined : "Thank you for your message. I'm out of the office and will reply when I'm back.";
  if (i % 10 === 3) return { state: "Enabled", internal: `I'm out of the office. For anything urgent contact ${cover}.`, external, audience };
  if (i % 10 !== 8) return undefined;
  // Most schedules lie ahead; every fourth one ended in 2025 and was never switched off.
  const start = i % 40 === 8 ? Date.UTC(2025, 0, 6, 7) + (i % 200) * DAY_MS : Date.UTC(2030, 0, 6, 7) + (i % 300) * DAY_MS;
  const end = start + (3 + (i % 12)) * DAY_MS;
  const until = new Date(end).toISOString().slice(0, 10);
  return {
    state: "Scheduled",
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    internal: `I'm on leave until ${until}. Please contact ${cover}.`,
    external,
    audience,
  };
}

function seedOf(i: number, count: number): SeedRecipient {
  const type = kindOf(i);
  const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
  const [office, timeZone, language] = REGIONS[(i * 5) % REGIONS.length]!;
  const regional = i % 53 === 0 ? { timeZone: null, language: null } : { timeZone, language };
  const n = Math.floor(i / 25);
  if (type === "SharedMailbox") {
    const purpose = SHARED_PURPOSES[n % SHARED_PURPOSES.length]!;
    const displayName = `${department} ${purpose} ${n}`;
    const autoReply = i % 50 === 5 ? autoReplyOf(3, `the ${department} team`) : undefined;
    return { alias: slug(displayName).replace(/-/g, "."), first: "", last: "", displayName, type, department, title: "", office, ...regional, autoReply };
  }
  if (type !== "UserMailbox") {
    const displayName = type === "RoomMailbox" ? `Room ${office} ${n}` : `Projector ${office} ${n}`;
    return { alias: slug(displayName).replace(/-/g, "."), first: "", last: "", displayName, type, department: "", title: "", office, ...regional };
  }
  const person = generatedPerson(i);
  const cover = generatedPerson((i + 1) % count).displayName;
  return { ...person, type, department, title: TITLES[i % TITLES.length]!, office, ...regional, autoReply: autoReplyOf(i, cover) };
}

type Delegation = "FullAccess" | "SendAs" | "SendOnBehalf" | "Reviewer" | "Delegate" | "DelegatePrivate";
const DELEGATIONS: Delegation[] = ["FullAccess", "SendAs", "SendOnBehalf", "Reviewer", "Delegate", "DelegatePrivate"];

function grant(target: Mailbox, delegate: Mailbox, kind: Delegation, autoMapping: boolean): void {
  const key = upnOf(delegate.alias);
  switch (kind) {
    case "FullAccess":
      target.mailboxPermissions.push({ user: key, accessRights: ["FullAccess"], isInherited: false, deny: false, inheritanceType: "All", autoMapping });
      return;
    case "SendAs":
      target.recipientPermissions.push({ trustee: key, accessControlType: "Allow", accessRights: ["SendAs"], isInherited: false, inheritanceType: "None" });
      return;
    case "SendOnBehalf":
      target.grantSendOnBehalfTo.push(key);
      return;
    case "Reviewer":
      target.calendar.permissions.push({ user: key, accessRights: ["Reviewer"], sharingPermissionFlags: null });
      return;
    default: {
      // A calendar delegate, as Outlook makes one: Editor with the Delegate flag, plus SendOnBehalf.
      const flags = kind === "Delegate" ? "Delegate" : "Delegate, CanViewPrivateItems";
      target.calendar.permissions.push({ user: key, accessRights: ["Editor"], sharingPermissionFlags: flags });
      target.grantSendOnBehalfTo.push(key);
    }
  }
}

// Shared mailboxes get their team (two FullAccess, one SendAs); every sixth person gives a
// colleague one kind of delegation, by turns.
function delegate(i: number, target: Mailbox, users: Mailbox[], userIndex: Map<Mailbox, number>): void {
  const near = (k: number) => users[k % users.length]!;
  if (target.recipientTypeDetails === "SharedMailbox") {
    const base = Math.floor(i / 25) * 3;
    grant(target, near(base), "FullAccess", true);
    grant(target, near(base + 1), "FullAccess", false);
    grant(target, near(base), "SendAs", false);
    return;
  }
  if (target.recipientTypeDetails !== "UserMailbox" || i % 6 !== 1 || users.length < 2) return;
  const colleague = near(userIndex.get(target)! + 1);
  grant(target, colleague, DELEGATIONS[Math.floor(i / 6) % DELEGATIONS.length]!, i % 12 === 1);
}

export type SeedOrganisationResult = { created: number; total: number; generated: number; departments: Record<string, number> };

export function seedOrganisation(tenant: Tenant, count: number): SeedOrganisationResult {
  const byAlias = aliasMap(tenant);
  const generated: Mailbox[] = [];
  const fresh = new Set<Mailbox>();
  for (let i = 0; i < count; i++) {
    const seed = seedOf(i, count);
    let m = byAlias.get(seed.alias);
    if (!m) {
      m = mailboxOf(seed, generatedMailboxNumber(i));
      if (hasGuidName(i)) nameByDirectoryId(m);
      tenant.mailboxes.push(m);
      byAlias.set(seed.alias, m);
      fresh.add(m);
    }
    generated.push(m);
  }
  const users = generated.filter((m) => m.recipientTypeDetails === "UserMailbox");
  const userIndex = new Map(users.map((m, k) => [m, k]));
  generated.forEach((m, i) => fresh.has(m) && delegate(i, m, users, userIndex));
  const departments: Record<string, number> = {};
  for (const m of generated) if (m.department) departments[m.department] = (departments[m.department] ?? 0) + 1;
  return { created: fresh.size, total: tenant.mailboxes.length, generated: generated.length, departments };
}
