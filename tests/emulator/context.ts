import { Clock } from "./clock";
import { GrantStore } from "./entra/grants";
import type { SigningKeys } from "./entra/signing-keys";
import { CallLog } from "./exchange/call-log";
import { ChaosMode } from "./exchange/chaos";
import { FaultQueue } from "./exchange/faults";
import { PageStore } from "./exchange/paging";
import { RateLimitWindow } from "./exchange/rate-limit";
import { Throttling, type ThrottlingConfig } from "./exchange/throttling";
import type { MailSink } from "./notifications/mail-sink";
import type { WebhookReceiver } from "./notifications/webhook-receiver";
import type { Tenant } from "./tenant/model";
import { createDemoTenant } from "./tenant/seed";
import { seedOrganisation } from "./tenant/seed-organisation";

export type AppRegistration = { clientId: string; clientSecret: string; redirectUris: string[] };

// How Get-MailboxAutoReplyConfiguration writes StartTime/EndTime (annotated System.DateTime):
// by default in the server's local time (UTC in Exchange Online) without an offset; "offset"
// adds +00:00 (as WhenChanged), "utc" ends in Z (as WhenChangedUTC). The live form is not
// verified; clients must read all three.
export type AutoReplyTimeFormat = "server-local" | "offset" | "utc";
// Whether Remove-* and Add-RecipientPermission must carry "Confirm": false. Public clients of
// InvokeCommand (CIPP-API) call them without it and succeed, so by default it is not required;
// "required" refuses them as a host that cannot prompt would.
export type Confirmation = "not-required" | "required";
// How a cmdlet outside the caller's roles is refused (exchange/rbac.ts): 401 "User is not
// allowed to call <Cmdlet>" by default, CommandNotFoundException, or 403 with NUL bytes.
export type RoleRefusal = "unauthorized" | "command-not-found" | "forbidden";
// details[0].message of error answers: "<ErrorId>|<Class>|<text>" or a serialised exception.
export type ErrorDetails = "piped" | "serialised";
export type Quirks = {
  autoReplyTimeFormat: AutoReplyTimeFormat;
  confirmation: Confirmation;
  roleRefusal: RoleRefusal;
  errorDetails: ErrorDetails;
  directorySynced: string[]; // UPNs of mailboxes synchronised from on-premises AD (lower case)
};
const DEFAULT_QUIRKS: Quirks = { autoReplyTimeFormat: "server-local", confirmation: "not-required", roleRefusal: "unauthorized", errorDetails: "piped", directorySynced: [] };

// Optional claims an administrator can add to the app's ID tokens (app registration, Token
// configuration). Entra's v2.0 ID tokens carry no upn unless it is configured.
export type IdTokenOptionalClaim = "upn";
export const ID_TOKEN_OPTIONAL_CLAIMS: readonly IdTokenOptionalClaim[] = ["upn"];

// What the emulator was started with; reset returns to it.
export type StartupSettings = {
  tokenLifetimeSeconds: number;
  mailboxes: number; // generated mailboxes on top of the demo tenant (a large tenant), 0 for none
  throttling: ThrottlingConfig | null;
  idTokenOptionalClaims?: IdTokenOptionalClaim[]; // none by default, as a new app registration
};

function createTenant(startup: StartupSettings): Tenant {
  const tenant = createDemoTenant();
  if (startup.mailboxes > 0) seedOrganisation(tenant, startup.mailboxes);
  return tenant;
}

export class EmulatorState {
  tenant: Tenant;
  readonly clock = new Clock();
  readonly grants = new GrantStore();
  readonly faults = new FaultQueue();
  readonly chaos = new ChaosMode();
  readonly calls = new CallLog();
  readonly pages = new PageStore();
  readonly rateLimit = new RateLimitWindow();
  readonly throttling = new Throttling();
  tokenLifetimeSeconds: number;
  quirks: Quirks = { ...DEFAULT_QUIRKS, directorySynced: [] };
  // Continuous access evaluation: after a critical event (password reset, session revoked),
  // Exchange refuses a user's access tokens issued before it with a claims challenge.
  readonly criticalEvents = new Map<string, number>();
  idTokenOptionalClaims: IdTokenOptionalClaim[];

  constructor(readonly startup: StartupSettings) {
    this.tenant = createTenant(startup);
    this.tokenLifetimeSeconds = startup.tokenLifetimeSeconds;
    this.idTokenOptionalClaims = [...(startup.idTokenOptionalClaims ?? [])];
    this.throttling.enable(startup.throttling);
  }

  reset(): void {
    this.tenant = createTenant(this.startup);
    this.clock.reset();
    this.grants.clear();
    this.faults.clear();
    this.chaos.disable();
    this.calls.clear();
    this.pages.clear();
    this.rateLimit.reset();
    this.throttling.enable(this.startup.throttling);
    this.tokenLifetimeSeconds = this.startup.tokenLifetimeSeconds;
    this.quirks = { ...DEFAULT_QUIRKS, directorySynced: [] };
    this.criticalEvents.clear();
    this.idTokenOptionalClaims = [...(this.startup.idTokenOptionalClaims ?? [])];
  }
}

export type EmulatorContext = {
  baseUrl: string; // https://localhost:PORT, set once listening
  apps: AppRegistration[];
  keys: SigningKeys;
  state: EmulatorState;
  // What the portal's notifications reach (notifications/): a mail server when started with
  // one, and the webhook receiver. Neither is reset with the tenant: tests read what arrived.
  mail: MailSink | null;
  webhooks: WebhookReceiver;
};

export function findApp(ctx: EmulatorContext, clientId: string): AppRegistration | undefined {
  return ctx.apps.find((a) => a.clientId.toLowerCase() === clientId.toLowerCase());
}
