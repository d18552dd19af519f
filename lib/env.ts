import { z } from "zod";
import { parseTrustedProxies } from "./security/forwarded";

// The reverse proxies whose X-Forwarded-* headers are believed (addresses or CIDR ranges,
// comma-separated); unset trusts none. Read by scripts/serve.ts at start-up.
function ZTrustedProxies() {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseTrustedProxies(value);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
      }
    });
}

// Start-up check of the one variable the HTTP server itself needs; a bad value stops it.
export function getTrustedProxies(env: Record<string, string | undefined> = process.env) {
  const result = z.object({ EXODESK_TRUSTED_PROXIES: ZTrustedProxies() }).safeParse(env);
  if (!result.success) throw new Error(`ExoDesk is not configured: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}. See README, "Configuration".`);
  return parseTrustedProxies(result.data.EXODESK_TRUSTED_PROXIES);
}

// Parsed on first use, not at import, so `next build` needs no secrets.
const ZEnv = z.object({
  NEXTAUTH_URL: z.url(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
  ENTRA_AUTHORITY_HOST: z.url().default("https://login.microsoftonline.com"),
  ENTRA_TENANT_ID: z.string().min(1),
  ENTRA_CLIENT_ID: z.string().min(1),
  ENTRA_CLIENT_SECRET: z.string().min(1),
  // Where InvokeCommand is sent, and the resource the token is for. They differ only for the emulator.
  EXCHANGE_BASE_URL: z.url().default("https://outlook.office365.com"),
  EXCHANGE_RESOURCE: z.url().default("https://outlook.office365.com"),
  TOKEN_CACHE_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_CACHE_KEY must be 32 bytes, base64-encoded"),
  // During a key rotation: the key being retired, still read (and re-encrypted on next write).
  TOKEN_CACHE_KEY_PREVIOUS: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_CACHE_KEY_PREVIOUS must be 32 bytes, base64-encoded")
    .optional(),
  // Lets a Prometheus scraper read /api/metrics without a session (Authorization: Bearer …).
  // Unset: only a signed-in Admin can. Long and random, like the other secrets.
  EXODESK_METRICS_TOKEN: z.string().min(32, "EXODESK_METRICS_TOKEN must be at least 32 characters").optional(),
  // A session ends after this long without a request (idle), and this long after sign-in
  // however busy (absolute). README, "Other settings".
  EXODESK_SESSION_IDLE_MINUTES: z.coerce.number().int("EXODESK_SESSION_IDLE_MINUTES must be a whole number of minutes").min(1).max(24 * 60).default(60),
  EXODESK_SESSION_MAX_HOURS: z.coerce.number().int("EXODESK_SESSION_MAX_HOURS must be a whole number of hours").min(1).max(7 * 24).default(8),
  EXODESK_TRUSTED_PROXIES: ZTrustedProxies(),
});

export type TEnv = z.infer<typeof ZEnv>;

let parsed: TEnv | undefined;

export function getEnv(): TEnv {
  if (parsed) return parsed;
  const result = ZEnv.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`ExoDesk is not configured: ${problems}. See README, "Configuration".`);
  }
  parsed = result.data;
  return parsed;
}

export function getExchangeScope(): string {
  return `${getEnv().EXCHANGE_RESOURCE.replace(/\/$/, "")}/Exchange.Manage`;
}

// The tenant's Entra authority: the cloud's sign-in host and the tenant (README, "Other clouds").
export function getEntraAuthority(): string {
  const env = getEnv();
  return `${env.ENTRA_AUTHORITY_HOST.replace(/\/$/, "")}/${env.ENTRA_TENANT_ID}`;
}
