import "server-only";
import type { AuthenticationResult } from "@azure/msal-node";
import { AppError } from "@/lib/errors";
import { getExchangeScope } from "@/lib/env";
import { createMsalClient, needsInteraction } from "./msal";
import { deleteTokenCache, loadTokenCache, saveTokenCache } from "./token-store";
import type { TSessionUser } from "./session-user";

export function getLoginScopes(): string[] {
  return ["openid", "profile", "offline_access", getExchangeScope()];
}

export function toCacheKey(user: Pick<TSessionUser, "oid" | "tid">): string {
  return `${user.oid}.${user.tid}`;
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
  const account = result.account;
  if (!account) throw new Error("Entra ID returned no account for this sign-in");
  await saveTokenCache(account.homeAccountId, client.getTokenCache().serialize());
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
  const account = await cache.getAccountByHomeId(rowKey);
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
  if (cache.hasChanged()) await saveTokenCache(rowKey, cache.serialize());
  return { accessToken: result.accessToken, expiresOn: result.expiresOn };
}

export async function forgetTokens(user: Pick<TSessionUser, "oid" | "tid">): Promise<void> {
  await deleteTokenCache(toCacheKey(user));
}
