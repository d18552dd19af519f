import { z } from "zod";
import { parseTrustedProxies } from "../security/forwarded";

// Every setting the portal reads from its environment, in one schema (README, "Configuration"
// and "Other settings"). Code reads them through getSetting/getEnv, never process.env: a
// garbled value is an error naming the variable and what it accepts, never a NaN that quietly
// stops a worker pool or a timer. scripts/serve.ts checks them all before it listens.

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const SMTP_TLS_MODES = ["tls", "starttls", "none"] as const;

function ZWholeNumber(unit: string, min: number, max: number, fallback: number) {
  const expected = `expected a whole number${unit ? ` of ${unit}` : ""} from ${min} to ${max} (default ${fallback})`;
  return z.string().trim().regex(/^\d+$/, expected).transform(Number).pipe(z.number().min(min, expected).max(max, expected)).default(fallback);
}

function ZKey() {
  return z.string().refine((v) => Buffer.from(v, "base64").length === 32, "expected 32 bytes, base64-encoded");
}

// Parsed on first use, not at import, so `next build` needs no secrets.
const ZEnv = z.object({
  NEXTAUTH_URL: z.url(),
  NEXTAUTH_SECRET: z.string().min(32, "expected at least 32 characters"),
  ENTRA_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
  ENTRA_TENANT_ID: z.string().min(1),
  ENTRA_CLIENT_ID: z.string().min(1),
  ENTRA_CLIENT_SECRET: z.string().min(1),
  // Where InvokeCommand is sent, and the resource the token is for. They differ only for the emulator.
  EXCHANGE_BASE_URL: z.url().default("https://outlook.office365.com"),
  EXCHANGE_RESOURCE: z.url().default("https://outlook.office365.com"),
  TOKEN_CACHE_KEY: ZKey(),
  // During a key rotation: the key being retired, still read (and re-encrypted on next write).
  TOKEN_CACHE_KEY_PREVIOUS: ZKey().optional(),
  // Lets a Prometheus scraper read /api/metrics without a session (Authorization: Bearer …).
  // Unset: only a signed-in Admin can. Long and random, like the other secrets.
  EXODESK_METRICS_TOKEN: z.string().min(32, "expected at least 32 characters").optional(),
  // A session ends after this long without a request (idle), and this long after sign-in
  // however busy (absolute).
  EXODESK_SESSION_IDLE_MINUTES: ZWholeNumber("minutes", 1, 24 * 60, 60),
  EXODESK_SESSION_MAX_HOURS: ZWholeNumber("hours", 1, 7 * 24, 8),
  // Changes and decisions one person may send per minute; sign-ins started from one address per
  // 5 minutes (an office behind one NAT address shares them).
  EXODESK_CHANGES_PER_MINUTE: ZWholeNumber("", 1, 100_000, 30),
  EXODESK_SIGNIN_LIMIT_PER_IP: ZWholeNumber("", 1, 100_000, 100),
  // The reverse proxies whose X-Forwarded-* headers are believed (addresses or CIDR ranges,
  // comma-separated); unset trusts none.
  EXODESK_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return parseTrustedProxies(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
        return z.NEVER;
      }
    }),
  // Unset: info, and silent under the tests.
  LOG_LEVEL: z.enum(LOG_LEVELS, `expected one of ${LOG_LEVELS.join(", ")}`).optional(),
  // The sweep (crashed executions, expired requests, ended sessions) runs at start-up and then this often.
  EXODESK_SWEEP_SECONDS: ZWholeNumber("seconds", 1, 24 * 60 * 60, 60),
  // How long one execution may take before the sweep reconciles it (0: at once, for tests).
  EXODESK_EXECUTION_LEASE_SECONDS: ZWholeNumber("seconds", 0, 24 * 60 * 60, 600),
  // Exchange calls in flight per tenant in this instance.
  EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT: ZWholeNumber("", 1, 1000, 8),
  // Items of one bulk change run at once, and the runner's lease.
  EXODESK_BULK_CONCURRENCY: ZWholeNumber("", 1, 64, 4),
  EXODESK_BULK_LEASE_SECONDS: ZWholeNumber("seconds", 1, 24 * 60 * 60, 60),
  // Mailboxes of one report read at once, and the builder's lease.
  EXODESK_REPORT_CONCURRENCY: ZWholeNumber("", 1, 64, 8),
  EXODESK_REPORT_LEASE_SECONDS: ZWholeNumber("seconds", 5, 24 * 60 * 60, 300),
  // Notifications by e-mail (README, "Notifications"): the SMTP server, how the connection is
  // secured (tls: TLS from the start, usually port 465; starttls: upgraded, required, usually
  // 587; none: plain, only for a relay on the same host), the login if it needs one, and the
  // sender's address. No host: no e-mail, only the in-app list.
  EXODESK_SMTP_HOST: z.string().trim().min(1).optional(),
  EXODESK_SMTP_PORT: ZWholeNumber("", 1, 65_535, 587),
  EXODESK_SMTP_TLS: z.enum(SMTP_TLS_MODES, `expected one of ${SMTP_TLS_MODES.join(", ")}`).default("starttls"),
  EXODESK_SMTP_USER: z.string().min(1).optional(),
  EXODESK_SMTP_PASSWORD: z.string().min(1).optional(),
  EXODESK_MAIL_FROM: z.email("expected an e-mail address").optional(),
  // Notifications by webhook: URLs (comma-separated) each event is POSTed to as JSON, signed
  // with HMAC-SHA256 under the secret (header X-ExoDesk-Signature: t=<unix seconds>,v1=<hex>
  // of "<t>.<body>"; lib/notifications/send-webhook.ts).
  EXODESK_WEBHOOK_URLS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const urls = (value ?? "").split(",").map((u) => u.trim()).filter(Boolean);
      for (const url of urls) {
        if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
          ctx.addIssue({ code: "custom", message: `expected http(s) URLs, comma-separated; entry ${urls.indexOf(url) + 1} is not one` });
          return z.NEVER;
        }
      }
      return urls;
    }),
  EXODESK_WEBHOOK_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  // How often the delivery loop looks for e-mails and webhooks due (retries, and notices other
  // instances queued); this instance's own notices go out at once.
  EXODESK_NOTIFICATION_POLL_SECONDS: ZWholeNumber("seconds", 1, 3600, 5),
});

export type TEnv = z.infer<typeof ZEnv>;
type TName = keyof TEnv;
type TParsed = { raw: string | undefined; result: z.ZodSafeParseResult<unknown> };

// Each variable is parsed once per value it has. In production that is once; tests that stub
// a variable between cases (vi.stubEnv) get their new value without resetting modules.
const parsed = new Map<TName, TParsed>();

function parseSetting(name: TName): z.ZodSafeParseResult<unknown> {
  const raw = process.env[name];
  const cached = parsed.get(name);
  if (cached && cached.raw === raw) return cached.result;
  const result = ZEnv.shape[name].safeParse(raw);
  parsed.set(name, { raw, result });
  return result;
}

function notConfigured(problems: string[]): Error {
  return new Error(`ExoDesk is not configured: ${problems.join("; ")}. See README, "Configuration".`);
}

function problemsOf(name: TName, error: z.ZodError): string[] {
  return error.issues.map((i) => `${name}: ${i.message}`);
}

/** One setting, parsed; throws naming the variable when its value is not accepted. */
export function getSetting<K extends TName>(name: K): TEnv[K] {
  const result = parseSetting(name);
  if (!result.success) throw notConfigured(problemsOf(name, result.error));
  return result.data as TEnv[K];
}

/** Every setting, parsed; throws naming each variable whose value is not accepted. */
export function getEnv(): TEnv {
  const problems: string[] = [];
  const env: Record<string, unknown> = {};
  for (const name of Object.keys(ZEnv.shape) as TName[]) {
    const result = parseSetting(name);
    if (result.success) env[name] = result.data;
    else problems.push(...problemsOf(name, result.error));
  }
  if (problems.length) throw notConfigured(problems);
  return env as TEnv;
}

export function getLogLevel(): (typeof LOG_LEVELS)[number] {
  return getSetting("LOG_LEVEL") ?? (process.env.NODE_ENV === "test" ? "silent" : "info");
}

export function getExchangeScope(): string {
  return `${getSetting("EXCHANGE_RESOURCE").replace(/\/$/, "")}/Exchange.Manage`;
}

// The tenant's Entra authority: the cloud's sign-in host and the tenant (README, "Other clouds").
export function getEntraAuthority(): string {
  return `${getSetting("ENTRA_AUTHORITY_HOST").replace(/\/$/, "")}/${getSetting("ENTRA_TENANT_ID")}`;
}
