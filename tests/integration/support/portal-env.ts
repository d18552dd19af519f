import { vi } from "vitest";

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
