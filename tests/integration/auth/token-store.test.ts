import { randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { DEMO_USERS } from "../../emulator/index";
import { REDIRECT_URI, TEST_APP, useHarness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { stubPortalEnv, stubPortalForEmulator } from "../support/portal-env";

// The per-user MSAL cache on a real database: encrypted at rest, unreadable under another key,
// gone after sign-out.
const CACHE = JSON.stringify({ RefreshToken: { k: { secret: "1.Arefresh-token-in-clear" } }, AccessToken: { k: { secret: "eyJaccess" } } });

useMigratedEmbeddedDb();

describe("token cache rows", () => {
  it("are stored encrypted, read back, and deleted on sign-out", async () => {
    stubPortalEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    const store = await import("@/lib/auth/token-store");
    const { forgetTokens } = await import("@/lib/auth/tokens");
    await store.saveTokenCache("oid.tid", CACHE);
    const row = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "oid.tid" } });
    expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain("refresh-token-in-clear");
    expect(await store.loadTokenCache("oid.tid")).toBe(CACHE);
    await forgetTokens({ oid: "oid", tid: "tid" });
    expect(await getDb().tokenCache.count({ where: { key: "oid.tid" } })).toBe(0);
    expect(await store.loadTokenCache("oid.tid")).toBeNull();
  });

  it("written under a rotated-away key read as absent, so the person signs in again", async () => {
    stubPortalEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    await (await import("@/lib/auth/token-store")).saveTokenCache("old.tid", CACHE);
    stubPortalEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    expect(await (await import("@/lib/auth/token-store")).loadTokenCache("old.tid")).toBeNull();
  });

  it("during a rotation are read under the previous key and re-encrypted under the new one as they are read", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    stubPortalEnv(oldKey);
    vi.resetModules();
    await (await import("@/lib/auth/token-store")).saveTokenCache("rot.tid", CACHE);
    const before = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "rot.tid" } });

    stubPortalEnv(newKey);
    vi.stubEnv("TOKEN_CACHE_KEY_PREVIOUS", oldKey);
    vi.resetModules();
    const store = await import("@/lib/auth/token-store");
    expect(await store.loadTokenCache("rot.tid")).toBe(CACHE);
    const after = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "rot.tid" } });
    expect(after.keyId).not.toBe(before.keyId);

    // Once the previous key is removed, the moved row still reads.
    delete process.env.TOKEN_CACHE_KEY_PREVIOUS;
    vi.resetModules();
    expect(await (await import("@/lib/auth/token-store")).loadTokenCache("rot.tid")).toBe(CACHE);
  });
});

// The real lib/auth against the emulator's Entra ID: MSAL redeems the code and renews tokens,
// the cache row lives in the real database. MSAL and the discovery use global fetch, which is
// pointed at the emulator over HTTPS that trusts the emulator's certificate.
const h = useHarness();

async function loadAuth() {
  stubPortalForEmulator(h.em, TEST_APP);
  vi.resetModules();
  return await import("@/lib/auth/tokens");
}

// A sign-in as next-auth does it: the browser picks the user, MSAL redeems the code; returns
// the session user as profile() builds it from the ID token.
async function signIn(tokens: Awaited<ReturnType<typeof loadAuth>>, upn: string) {
  const browser = await h.signIn(upn);
  const result = await tokens.redeemAuthCode({ code: browser.code!, codeVerifier: browser.verifier, nonce: "nonce-456", redirectUri: REDIRECT_URI });
  const claims = result.idTokenClaims as { oid: string; tid: string; upn?: string; preferred_username: string; name: string };
  const user = { oid: claims.oid, tid: claims.tid, upn: claims.upn ?? claims.preferred_username, name: claims.name, roles: [] };
  return { result, claims, user };
}

const rowKeys = async () => (await getDb().tokenCache.findMany({ select: { key: true } })).map((r) => r.key);

describe("the token cache is keyed by the ID token's oid.tid", () => {
  it("for a guest, whose MSAL home account id names another tenant: stored, used, and removed on sign-out", async () => {
    const tokens = await loadAuth();
    const { result, claims, user } = await signIn(tokens, DEMO_USERS.guestHelpdesk);
    expect(result.account!.homeAccountId).not.toBe(`${claims.oid}.${claims.tid}`); // client_info: the home tenant
    expect(claims.tid).toBe(h.em.tenantId);
    expect(await rowKeys()).toContain(`${claims.oid}.${claims.tid}`);
    expect(await rowKeys()).not.toContain(result.account!.homeAccountId);

    const { accessToken } = await tokens.getExchangeToken(user);
    expect(decodeJwt(accessToken)).toMatchObject({ oid: claims.oid, tid: claims.tid });
    await tokens.forgetTokens({ oid: claims.oid, tid: claims.tid }); // what the signOut event calls
    expect(await rowKeys()).not.toContain(`${claims.oid}.${claims.tid}`);
  });

  it("declares CP1 (the access token carries xms_cc) and, with no upn optional claim, the session names the person by preferred_username", async () => {
    const tokens = await loadAuth();
    const { result, claims, user } = await signIn(tokens, DEMO_USERS.helpdesk);
    expect(decodeJwt(result.accessToken).xms_cc).toEqual(["CP1"]);
    expect(claims.upn).toBeUndefined();
    expect(user.upn).toBe(DEMO_USERS.helpdesk);
    await tokens.forgetTokens(user);
  });
});

describe("the token cache row is written back only when MSAL changed it", () => {
  const rowOf = async (key: string) => Buffer.from((await getDb().tokenCache.findUniqueOrThrow({ where: { key } })).ciphertext).toString("base64");

  it("a token served from the cache leaves the row as it was; a renewal re-encrypts it", async () => {
    const tokens = await loadAuth();
    const { result, user } = await signIn(tokens, DEMO_USERS.helpdesk);
    const key = `${user.oid}.${user.tid}`;
    const signedIn = await rowOf(key);
    expect((await tokens.getExchangeToken(user)).accessToken).toBe(result.accessToken);
    expect(await rowOf(key)).toBe(signedIn);

    const renewed = await tokens.getExchangeToken(user, { forceRefresh: true });
    expect(renewed.accessToken).not.toBe(result.accessToken);
    expect(await rowOf(key)).not.toBe(signedIn);
    // The renewed token is what the next call is served, from the row written back.
    expect((await tokens.getExchangeToken(user)).accessToken).toBe(renewed.accessToken);
    await tokens.forgetTokens(user);
  });
});

describe("every way Entra refuses a refresh token ends in REAUTH_REQUIRED", () => {
  it.each(["revoked", "revoked-bad-token", "sign-in-frequency", "sign-in-frequency-interaction", "expired"])("%s", async (form) => {
    const tokens = await loadAuth();
    // Under MSAL's 300-second margin every silent call renews, so no clock needs to move.
    await h.control("POST", "token-lifetime", { seconds: 60 });
    const { user } = await signIn(tokens, DEMO_USERS.helpdesk);
    await tokens.getExchangeToken(user); // the refresh token works before the revocation
    await h.control("POST", "revoke", { upn: DEMO_USERS.helpdesk, form });
    await expect(tokens.getExchangeToken(user)).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    expect(await rowKeys()).not.toContain(`${user.oid}.${user.tid}`); // the dead cache is dropped
  });
});
