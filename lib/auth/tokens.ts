import "server-only";
import type { AccountInfo, AuthenticationResult, TokenCache } from "@azure/msal-node";
import { AppError } from "@/lib/errors/app-error";
import { getExchangeScope } from "@/lib/env/settings";
import { createMsalClient, needsInteraction } from "./msal";
import { deleteTokenCache, loadTokenCache, saveTokenCache } from "./token-store";
import type { TSessionUser } from "./session-user";

export function getLoginScopes(): string[] {
  return ["openid", "profile", "offline_access", getExchangeScope()];
}

// One key everywhere: the ID token's oid.tid, the identity the session carries. It is not
// MSAL's homeAccountId (client_info's uid.utid): for a guest (B2B) that names the person's
// home tenant, while oid/tid name them in ours.
export function toCacheKey(user: Pick<TSessionUser, "oid" | "tid">): string {
  return `${user.oid}.${user.tid}`;
}

// The session's identity from ID token claims, as next-auth's profile() takes it (oid, else sub).
export function identityOf(claims: { oid?: unknown; sub?: unknown; tid?: unknown } | undefined): Pick<TSessionUser, "oid" | "tid"> | null {
  const oid = typeof claims?.oid === "string" ? claims.oid : typeof claims?.sub === "string" ? claims.sub : "";
  const tid = typeof claims?.tid === "string" ? claims.tid : "";
  return oid && tid ? { oid, tid } : null;
}

// The cached account that signed in as this oid in this tenant (a guest's homeAccountId does
// not contain either).
async function findAccount(cache: TokenCache, user: Pick<TSessionUser, "oid" | "tid">): Promise<AccountInfo | null> {
  const accounts = await cache.getAllAccounts();
  const matches = (a: AccountInfo) => {
    const id = identityOf(a.idTokenClaims) ?? { oid: a.localAccountId, tid: a.tenantId };
    return id.oid === user.oid && id.tid === user.tid;
  };
  return accounts.find(matches) ?? null;
}

// The single code exchange of a sign-in: MSAL redeems the code (with the PKCE verifier) and
// the resulting cache is stored encrypted. Returns the ID token for next-auth's profile.
export async function redeemAuthCode(input: {
  code: string;
  codeVerifier?: string;
  nonce?: string;
  redirectUri: string;
}): Promise<AuthenticationResult> {
  const client = await createMsalClient();
  const result = await client.acquireTokenByCode({
    code: input.code,
    codeVerifier: input.codeVerifier,
    nonce: input.nonce, // MSAL compares it with the ID token's nonce
    redirectUri: input.redirectUri,
    scopes: getLoginScopes(),
  });
  const identity = identityOf(result.idTokenClaims);
  if (!result.account || !identity) throw new Error("Entra ID returned no account for this sign-in");
  await saveTokenCache(toCacheKey(identity), client.getTokenCache().serialize());
  return result;
}

export type TExchangeToken = { accessToken: string; expiresOn: Date | null };

// Every Exchange call gets its token here: from the cache, refreshed by MSAL when it is close
// to expiry. When Entra requires interaction the caller gets REAUTH_REQUIRED.
// `claims`: Exchange's claims challenge (continuous access evaluation); the token is then
// renewed with them instead of taken from the cache.
export async function getExchangeToken(user: TSessionUser, options: { claims?: string; forceRefresh?: boolean } = {}): Promise<TExchangeToken> {
  const rowKey = toCacheKey(user);
  const serialized = await loadTokenCache(rowKey);
  if (!serialized) throw new AppError("REAUTH_REQUIRED");
  const client = await createMsalClient();
  const cache = client.getTokenCache();
  cache.deserialize(serialized);
  const account = await findAccount(cache, user);
  if (!account) throw new AppError("REAUTH_REQUIRED");
  let result: AuthenticationResult;
  try {
    result = await client.acquireTokenSilent({ account, scopes: [getExchangeScope()], ...(options.claims ? { claims: options.claims } : {}), ...(options.claims || options.forceRefresh ? { forceRefresh: true } : {}) });
  } catch (e) {
    if (needsInteraction(e)) {
      await deleteTokenCache(rowKey);
      throw new AppError("REAUTH_REQUIRED");
    }
    throw new AppError("UNAVAILABLE", "Microsoft Entra ID could not be reached to renew your access. Try again in a moment.");
  }
  // Only what MSAL changed (a renewal, a dropped token) is encrypted and written back. Not
  // hasChanged(): deserialising sets it, so it would rewrite the row on every call.
  const after = cache.serialize();
  if (after !== serialized) await saveTokenCache(rowKey, after);
  return { accessToken: result.accessToken, expiresOn: result.expiresOn };
}

export async function forgetTokens(user: Pick<TSessionUser, "oid" | "tid">): Promise<void> {
  await deleteTokenCache(toCacheKey(user));
}
