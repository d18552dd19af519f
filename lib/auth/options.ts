import "server-only";
import type { AuthOptions } from "next-auth";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEntraAuthority, getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/audit/record-event";
import { toSameOriginUrl } from "@/lib/security/same-origin-redirect";
import { getActorSnapshot } from "./actor";
import { toAppRoles } from "./roles";
import type { TSessionUser } from "./session-user";
import { forgetTokens, getLoginScopes, redeemAuthCode } from "./tokens";

type TIdTokenClaims = {
  oid?: string;
  sub: string;
  tid?: string;
  upn?: string;
  preferred_username?: string;
  name?: string;
  roles?: unknown;
};

export const ENTRA_PROVIDER_ID = "entra";

// What profile() below hands next-auth as its `user`.
type TSignedInUser = { id: string; name: string; email: string | null; tid: string; roles: string[] };

function toSessionUser(u: TSignedInUser): TSessionUser {
  return { oid: u.id, tid: u.tid, upn: u.email ?? "", name: u.name, roles: toAppRoles(u.roles) };
}
const SESSION_HOURS = 8;

// Every next-auth cookie is HttpOnly and SameSite=Lax (Lax, not Strict: Entra ID's redirect back
// to the callback is a cross-site top-level GET that must carry the state/PKCE/nonce cookies).
// Over HTTPS they are Secure and prefixed: __Host- for the CSRF token (no Domain, path /),
// __Secure- for the rest. Spelled out, not left to next-auth's defaults, so a test can hold us to it.
function createCookies(secure: boolean): AuthOptions["cookies"] {
  const prefix = secure ? "__Secure-" : "";
  const options = (maxAge?: number) => ({ httpOnly: true, sameSite: "lax" as const, path: "/", secure, ...(maxAge ? { maxAge } : {}) });
  const checkCookie = 15 * 60; // long enough to pick an account on Entra's page
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options: options() },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options: options() },
    csrfToken: { name: `${secure ? "__Host-" : ""}next-auth.csrf-token`, options: options() },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: options(checkCookie) },
    state: { name: `${prefix}next-auth.state`, options: options(checkCookie) },
    nonce: { name: `${prefix}next-auth.nonce`, options: options(checkCookie) },
  };
}

function createEntraProvider(): OAuthConfig<TIdTokenClaims> {
  const env = getEnv();
  const authority = getEntraAuthority();
  return {
    id: ENTRA_PROVIDER_ID,
    name: "Microsoft Entra ID",
    type: "oauth",
    wellKnown: `${authority}/v2.0/.well-known/openid-configuration`,
    clientId: env.ENTRA_CLIENT_ID,
    clientSecret: env.ENTRA_CLIENT_SECRET,
    authorization: { params: { scope: getLoginScopes().join(" "), response_mode: "query" } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    token: {
      // MSAL redeems the code so there is exactly one code exchange and MSAL owns the cache.
      // A custom request bypasses openid-client's callback checks, so state is checked here.
      async request({ params, checks, provider }) {
        if (params.error) throw new Error(`Entra ID refused the sign-in: ${params.error}`);
        if (!params.code) throw new Error("Entra ID returned no authorization code");
        if (!("state" in checks) || params.state !== checks.state) throw new Error("Sign-in state does not match");
        const result = await redeemAuthCode({
          code: params.code,
          codeVerifier: checks.code_verifier,
          nonce: "nonce" in checks ? checks.nonce : undefined,
          redirectUri: provider.callbackUrl,
        });
        return { tokens: { id_token: result.idToken, token_type: "Bearer" } };
      },
    },
    profile(claims) {
      return {
        id: claims.oid ?? claims.sub,
        name: claims.name ?? claims.preferred_username ?? claims.upn ?? "",
        email: claims.upn ?? claims.preferred_username ?? null,
        tid: claims.tid ?? "",
        roles: toAppRoles(claims.roles),
      };
    },
  };
}

export function getAuthOptions(): AuthOptions {
  const env = getEnv();
  const secure = env.NEXTAUTH_URL.startsWith("https://");
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: secure,
    cookies: createCookies(secure),
    providers: [createEntraProvider()],
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // Only somewhere on the portal: a crafted callbackUrl must not send a person elsewhere.
      redirect({ url, baseUrl }) {
        return toSameOriginUrl(url, baseUrl);
      },
      jwt({ token, user }) {
        // Only on sign-in is `user` present; keep nothing but ids and roles.
        if (user) return { sub: user.id, ...toSessionUser(user as unknown as TSignedInUser) };
        return token;
      },
      session({ session, token }) {
        const user: TSessionUser = {
          oid: String(token.oid ?? ""),
          tid: String(token.tid ?? ""),
          upn: String(token.upn ?? ""),
          name: String(token.name ?? ""),
          roles: toAppRoles(token.roles),
        };
        return { ...session, user: { name: user.name, email: user.upn }, exodesk: user };
      },
    },
    events: {
      async signIn({ user }) {
        await recordEvent({ type: "session.signed-in", data: {} }, await getActorSnapshot(toSessionUser(user as unknown as TSignedInUser)));
      },
      async signOut({ token }) {
        if (!token?.oid || !token.tid) return;
        await forgetTokens({ oid: String(token.oid), tid: String(token.tid) });
        const user = { oid: String(token.oid), tid: String(token.tid), upn: String(token.upn ?? ""), name: String(token.name ?? ""), roles: toAppRoles(token.roles) };
        await recordEvent({ type: "session.signed-out", data: {} }, await getActorSnapshot(user));
      },
    },
  };
}
