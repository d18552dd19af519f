import { SignJWT, type JWTPayload } from "jose";
import type { EmulatorContext } from "../context";
import { base64url, randomToken, sha256Base64url } from "../ids";
import type { DirectoryUser } from "../tenant/model";
import { responseScope, type ScopeRequest } from "./scopes";

// Entra backdates iat/nbf by five minutes to absorb clock skew; exp counts from now.
export const BACKDATE_SECONDS = 300;
const ID_TOKEN_LIFETIME_SECONDS = 3600;
const APP_DISPLAY_NAME = "ExoDesk";

export function v2Issuer(ctx: EmulatorContext): string {
  return `${ctx.baseUrl}/${ctx.state.tenant.tenantId}/v2.0`;
}

export function v1Issuer(ctx: EmulatorContext): string {
  return `https://sts.windows.net/${ctx.state.tenant.tenantId}/`;
}

async function sign(ctx: EmulatorContext, payload: JWTPayload): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ typ: "JWT", alg: "RS256", x5t: ctx.keys.kid, kid: ctx.keys.kid })
    .sign(ctx.keys.privateKey);
}

// A pairwise subject: stable per user and audience, different between audiences.
function pairwiseSub(oid: string, audience: string): string {
  return sha256Base64url(`${oid}|${audience}`).slice(0, 43);
}

// A guest's identity provider: their home tenant's issuer.
function guestIdp(user: DirectoryUser): Record<string, string> {
  return user.home ? { idp: `https://sts.windows.net/${user.home.tenantId}/` } : {};
}

// What a v2.0 ID token calls the person: preferred_username (mutable; for a guest, their home
// sign-in name), and upn only when the app registration asks for the optional claim.
export function signInNameOf(user: DirectoryUser): string {
  return user.home?.userPrincipalName ?? user.userPrincipalName;
}

export async function issueAccessToken(
  ctx: EmulatorContext,
  p: { user: DirectoryUser; clientId: string; scopes: ScopeRequest; sessionId: string; clientCapabilities: string[] },
): Promise<{ token: string; expiresIn: number }> {
  const now = ctx.state.clock.nowSeconds();
  const lifetime = ctx.state.tokenLifetimeSeconds;
  const { user, scopes } = p;
  const token = await sign(ctx, {
    aud: scopes.resource.audience,
    iss: v1Issuer(ctx),
    iat: now - BACKDATE_SECONDS,
    nbf: now - BACKDATE_SECONDS,
    exp: now + lifetime,
    acct: 0,
    acr: "1",
    aio: randomToken(40),
    amr: ["pwd"],
    app_displayname: APP_DISPLAY_NAME,
    appid: p.clientId,
    appidacr: "1",
    family_name: user.surname,
    given_name: user.givenName,
    ...guestIdp(user),
    idtyp: "user",
    ipaddr: "127.0.0.1",
    name: user.displayName,
    oid: user.oid,
    puid: user.oid.replaceAll("-", "").slice(0, 16).toUpperCase(),
    rh: `0.A${randomToken(24)}.`,
    scp: scopes.permissions.join(" "),
    sid: p.sessionId,
    sub: pairwiseSub(user.oid, scopes.resource.audience),
    tid: ctx.state.tenant.tenantId,
    // A guest's v1.0 token names them by their home sign-in name and carries no upn.
    unique_name: signInNameOf(user),
    ...(user.home ? {} : { upn: user.userPrincipalName }),
    uti: randomToken(16),
    ver: "1.0",
    wids: user.wids,
    // The client declared it can answer claims challenges (continuous access evaluation).
    ...(p.clientCapabilities.includes("CP1") ? { xms_cc: ["CP1"] } : {}),
  });
  return { token, expiresIn: lifetime };
}

export async function issueIdToken(
  ctx: EmulatorContext,
  p: { user: DirectoryUser; clientId: string; nonce: string | undefined; sessionId: string; email: boolean; optionalClaims: readonly string[] },
): Promise<string> {
  const now = ctx.state.clock.nowSeconds();
  const { user } = p;
  return sign(ctx, {
    aud: p.clientId,
    iss: v2Issuer(ctx),
    iat: now - BACKDATE_SECONDS,
    nbf: now - BACKDATE_SECONDS,
    exp: now + ID_TOKEN_LIFETIME_SECONDS,
    aio: randomToken(40),
    ...(p.email ? { email: signInNameOf(user) } : {}),
    ...guestIdp(user),
    name: user.displayName,
    ...(p.nonce !== undefined ? { nonce: p.nonce } : {}),
    oid: user.oid,
    preferred_username: signInNameOf(user),
    rh: `0.A${randomToken(24)}.`,
    ...(user.appRoles.length > 0 ? { roles: [...user.appRoles] } : {}),
    sid: p.sessionId,
    sub: pairwiseSub(user.oid, p.clientId),
    tid: ctx.state.tenant.tenantId,
    // Only as a configured optional claim. For a guest, the home UPN (the #EXT# form needs the
    // include_externally_authenticated_upn property, not modelled).
    ...(p.optionalClaims.includes("upn") ? { upn: signInNameOf(user) } : {}),
    uti: randomToken(16),
    ver: "2.0",
  });
}

// client_info names the account in its home tenant: for a guest, not the oid/tid of the tokens.
export function clientInfo(ctx: EmulatorContext, user: DirectoryUser): string {
  const uid = user.home?.oid ?? user.oid;
  const utid = user.home?.tenantId ?? ctx.state.tenant.tenantId;
  return base64url(JSON.stringify({ uid, utid }));
}

export type TokenResponse = Record<string, string | number>;

// The body of a successful token response.
export async function buildTokenResponse(
  ctx: EmulatorContext,
  p: {
    user: DirectoryUser;
    clientId: string;
    scopes: ScopeRequest;
    sessionId: string;
    nonce: string | undefined;
    refreshToken: string | undefined;
    withClientInfo: boolean;
    clientCapabilities: string[]; // from the request's claims parameter (access_token.xms_cc)
  },
): Promise<TokenResponse> {
  const access = await issueAccessToken(ctx, p);
  const body: TokenResponse = {
    token_type: "Bearer",
    scope: responseScope(p.scopes),
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
  };
  if (p.refreshToken) body.refresh_token = p.refreshToken;
  if (p.scopes.oidc.includes("openid")) {
    body.id_token = await issueIdToken(ctx, { ...p, email: p.scopes.oidc.includes("email"), optionalClaims: ctx.state.idTokenOptionalClaims });
  }
  if (p.withClientInfo) body.client_info = clientInfo(ctx, p.user);
  return body;
}
