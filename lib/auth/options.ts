import "server-only";
import type { AuthOptions } from "next-auth";
import { decode, type JWT } from "next-auth/jwt";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { getEntraAuthority, getEnv } from "@/lib/env/settings";
import { log } from "@/lib/log/logger";
import { recordEvent } from "@/lib/audit/record-event";
import { toSameOriginUrl } from "@/lib/security/same-origin-redirect";
import { getActorSnapshot } from "./actor";
import { toAppRoles } from "./roles";
import { endSession, getSessionLimits, isSessionLive, startSession } from "./session-store";
import type { TSessionUser } from "./session-user";
import { getLoginScopes, redeemAuthCode } from "./tokens";

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

// Thrown from the jwt callback for a cookie whose session has ended: next-auth then answers
// "no session" (to getServerSession and /api/auth/session alike) and clears the cookie.
class SessionEndedError extends Error {
  override name = "SessionEndedError";
}

function toUserOfToken(token: Record<string, unknown>): TSessionUser {
  return { oid: String(token.oid ?? ""), tid: String(token.tid ?? ""), upn: String(token.upn ?? ""), name: String(token.name ?? ""), roles: toAppRoles(token.roles) };
}

// Every next-auth cookie is HttpOnly and SameSite=Lax (Lax, not Strict: Entra ID's redirect back
// to the callback is a cross-site top-level GET that must carry the state/PKCE/nonce cookies).
// Over HTTPS they are Secure and prefixed: __Host- for the CSRF token (no Domain, path /),
// __Secure- for the rest. Spelled out, not left to next-auth's defaults, so a test can hold us to it.
function isSecure(): boolean {
  return getEnv().NEXTAUTH_URL.startsWith("https://");
}

function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

function createCookies(secure: boolean): AuthOptions["cookies"] {
  const prefix = secure ? "__Secure-" : "";
  const options = (maxAge?: number) => ({ httpOnly: true, sameSite: "lax" as const, path: "/", secure, ...(maxAge ? { maxAge } : {}) });
  const checkCookie = 15 * 60; // long enough to pick an account on Entra's page
  return {
    sessionToken: { name: sessionCookieName(secure), options: options() },
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
  const secure = isSecure();
  return {
    secret: env.NEXTAUTH_SECRET,
    useSecureCookies: secure,
    cookies: createCookies(secure),
    providers: [createEntraProvider()],
    // The cookie lives as long as a session may; the database row decides whether it still counts.
    session: { strategy: "jwt", maxAge: getSessionLimits().maxHours * 3600 },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // Only somewhere on the portal: a crafted callbackUrl must not send a person elsewhere.
      redirect({ url, baseUrl }) {
        return toSameOriginUrl(url, baseUrl);
      },
      async jwt({ token, user }) {
        // Only on sign-in is `user` present: a new server-side session, and nothing in the
        // cookie but ids, roles and the session's id. Every later read checks that session.
        if (user) {
          const signedIn = toSessionUser(user as unknown as TSignedInUser);
          return { sub: user.id, ...signedIn, sid: await startSession(signedIn) };
        }
        if (typeof token.sid !== "string" || !(await isSessionLive(token.sid))) throw new SessionEndedError("session ended");
        return token;
      },
      session({ session, token }) {
        const user = toUserOfToken(token);
        return { ...session, user: { name: user.name, email: user.upn }, exodesk: user };
      },
    },
    events: {
      async signIn({ user }) {
        await recordEvent({ type: "session.signed-in", data: {} }, await getActorSnapshot(toSessionUser(user as unknown as TSignedInUser)));
      },
    },
    logger: {
      error(code, metadata) {
        if (metadata instanceof SessionEndedError) return; // an ended session is an answer, not a fault
        log.error({ code, err: metadata instanceof Error ? metadata : { message: String((metadata as { message?: unknown })?.message ?? code) } }, "next-auth error");
      },
      warn(code) {
        log.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
}

// Signing out ends the server-side session before next-auth clears the cookie (see the auth
// route): next-auth swallows errors thrown by its own signOut event and would clear the cookie
// of a session that is still live. Throws when the database cannot be written, so the person
// stays signed in and can try again; a cookie whose session had already ended signs out quietly.
export async function endSessionOfCookie(cookieValue: string | undefined): Promise<void> {
  if (!cookieValue) return;
  let token: JWT | null = null;
  try {
    token = await decode({ token: cookieValue, secret: getEnv().NEXTAUTH_SECRET });
  } catch {
    return; // not a cookie of ours: nothing to end
  }
  if (typeof token?.sid !== "string") return;
  const { ended } = await endSession(token.sid);
  if (ended) await recordEvent({ type: "session.signed-out", data: {} }, await getActorSnapshot(toUserOfToken(token)));
}

export function getSessionCookieName(): string {
  return sessionCookieName(isSecure());
}
