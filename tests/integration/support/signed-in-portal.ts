import { vi } from "vitest";
import type { TSessionUser } from "@/lib/auth/session-user";
import { REDIRECT_URI, TEST_APP, type Harness } from "../../emulator/test-support/harness";
import { stubPortalForEmulator } from "./portal-env";

// The portal's modules as one process loads them, pointed at the emulator (Entra ID and
// Exchange), for tests that sign people in for real: MSAL redeems the code and the token cache
// is stored encrypted in the database, so jobs can act as them later. Import the other use cases
// under test after this (it resets the module registry). Loads that share a token-cache key are
// instances of one portal (each with its own database pool).
export async function loadSignedInPortal(h: Harness, tokenCacheKey?: string) {
  stubPortalForEmulator(h.em, TEST_APP, tokenCacheKey);
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
    // What runs a scheduled change, or decides or cancels one.
    runDueChanges: (await import("@/lib/requests/run-due-changes")).runDueChanges,
    runNow: (await import("@/lib/requests/run-now")).runNow,
    approve: (await import("@/lib/requests/approve-request")).approveRequest,
    cancel: (await import("@/lib/requests/cancel-request")).cancelRequest,
  };
}
