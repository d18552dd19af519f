import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { REDIRECT_URI, TEST_APP, type Harness } from "../../emulator/test-support/harness";
import { emulatorFetch } from "../../support/emulator-fetch";
import { stubPortalEnv } from "./portal-env";

// The portal's modules as one process loads them, pointed at the emulator (Entra ID and
// Exchange), for tests that sign people in for real: MSAL redeems the code and the token cache
// is stored encrypted in the database, so jobs can act as them later. Import the use cases under
// test after this (it resets the module registry).
export async function loadSignedInPortal(h: Harness) {
  stubPortalEnv(randomBytes(32).toString("base64"));
  vi.stubEnv("ENTRA_AUTHORITY_HOST", h.em.url);
  vi.stubEnv("ENTRA_TENANT_ID", h.em.tenantId);
  vi.stubEnv("ENTRA_CLIENT_ID", TEST_APP.clientId);
  vi.stubEnv("ENTRA_CLIENT_SECRET", TEST_APP.clientSecret);
  vi.stubEnv("EXCHANGE_BASE_URL", h.em.url);
  vi.stubGlobal("fetch", emulatorFetch(h.em.caCertPath));
  vi.resetModules();
  const tokens = await import("@/lib/auth/tokens");
  const db = (await import("@/lib/db/client")).getDb();
  // A sign-in as next-auth does it; the person is remembered with their roles (as at sign-in).
  const signIn = async (upn: string, roles: TSessionUser["roles"]): Promise<TSessionUser> => {
    const browser = await h.signIn(upn);
    const result = await tokens.redeemAuthCode({ code: browser.code!, codeVerifier: browser.verifier, nonce: "nonce-456", redirectUri: REDIRECT_URI });
    const claims = result.idTokenClaims as { oid: string; tid: string; preferred_username: string; name: string };
    const user = { oid: claims.oid, tid: claims.tid, upn: claims.preferred_username, name: claims.name, roles };
    await db.person.upsert({ where: { oid_tid: { oid: user.oid, tid: user.tid } }, create: { ...user, roles: [...roles], lastSignInAt: new Date() }, update: { roles: [...roles] } });
    return user;
  };
  return {
    db,
    signIn,
    exchangeFor: (await import("@/lib/auth/exchange-for-user")).createExchangeForUser,
    verifyChain: (await import("@/lib/audit/verify-chain")).verifyAuditChain,
  };
}
