import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { emulatorFetch } from "../../support/emulator-fetch";

// The settings the portal's own modules read at first use (lib/env/settings.ts), for tests that call
// them directly; the token-cache key is the test's to choose.
export function stubPortalEnv(tokenCacheKey: string): void {
  vi.stubEnv("TOKEN_CACHE_KEY", tokenCacheKey);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(32));
  vi.stubEnv("ENTRA_TENANT_ID", "tid");
  vi.stubEnv("ENTRA_CLIENT_ID", "cid");
  vi.stubEnv("ENTRA_CLIENT_SECRET", "secret");
}

// The portal's settings for a real sign-in against the emulator's Entra ID and Exchange: MSAL
// and the discovery use global fetch, pointed at the emulator over HTTPS that trusts only its
// certificate. The caller then resets modules and imports what it tests afresh.
export function stubPortalForEmulator(
  em: { url: string; tenantId: string; caCertPath: string },
  app: { clientId: string; clientSecret: string },
  tokenCacheKey = randomBytes(32).toString("base64"),
): void {
  stubPortalEnv(tokenCacheKey);
  vi.stubEnv("ENTRA_AUTHORITY_HOST", em.url);
  vi.stubEnv("ENTRA_TENANT_ID", em.tenantId);
  vi.stubEnv("ENTRA_CLIENT_ID", app.clientId);
  vi.stubEnv("ENTRA_CLIENT_SECRET", app.clientSecret);
  vi.stubEnv("EXCHANGE_BASE_URL", em.url);
  vi.stubGlobal("fetch", emulatorFetch(em.caCertPath));
}
