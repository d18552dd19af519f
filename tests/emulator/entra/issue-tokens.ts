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

export async function issueAccessToken(
  ctx: EmulatorContext,
  p: { user: DirectoryUser; clientId: string; scopes: ScopeRequest; sessionId: string },
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
    unique_name: user.userPrincipalName,
    upn: user.userPrincipalName,
    uti: randomToken(16),
    ver: "1.0",
    wids: user.wids,
  });
  return { token, expiresIn: lifetime };
}

export async function issueIdToken(
  ctx: EmulatorContext,
  p: { user: DirectoryUser; clientId: string; nonce: string | undefined; sessionId: string; email: boolean },
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
    ...(p.email ? { email: user.userPrincipalName } : {}),
    name: user.displayName,
    ...(p.nonce !== undefined ? { nonce: p.nonce } : {}),
    oid: user.oid,
    preferred_username: user.userPrincipalName,
    rh: `0.A${randomToken(24)}.`,
    ...(user.appRoles.length > 0 ? { roles: [...user.appRoles] } : {}),
    sid: p.sessionId,
    sub: pairwiseSub(user.oid, p.clientId),
    tid: ctx.state.tenant.tenantId,
    upn: user.userPrincipalName,
    uti: randomToken(16),
    ver: "2.0",
  });
}

export function clientInfo(ctx: EmulatorContext, user: DirectoryUser): string {
  return base64url(JSON.stringify({ uid: user.oid, utid: ctx.state.tenant.tenantId }));
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
    body.id_token = await issueIdToken(ctx, { ...p, email: p.scopes.oidc.includes("email") });
  }
  if (p.withClientInfo) body.client_info = clientInfo(ctx, p.user);
  return body;
}
