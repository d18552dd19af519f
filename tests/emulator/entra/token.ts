import { createHash } from "node:crypto";
import type { AppRegistration, EmulatorContext } from "../context";
import { headerValue, isFormContentType, readBody, sendJson, toParams, type Req, type Res } from "../http";
import { findUserByOid, matchesTenant } from "../tenant/model";
import { authenticateClient } from "./client-auth";
import { entraErrors, sendEntraError, type EntraError } from "./errors";
import { CODE_LIFETIME_MS, REFRESH_INACTIVITY_MS, type RefreshTokenGrant, type RefusalForm } from "./grants";
import { buildTokenResponse, type TokenResponse } from "./issue-tokens";
import { parseScopes } from "./scopes";

type Outcome = { ok: true; body: TokenResponse } | { ok: false; error: EntraError };

const TOKEN_HEADERS = { "Cache-Control": "no-store, no-cache", Pragma: "no-cache" };

export async function handleToken(ctx: EmulatorContext, req: Req, res: Res, tenantSegment: string): Promise<void> {
  const now = ctx.state.clock.now();
  // MSAL sends client-request-id and asks for it back; Entra then echoes it as the correlation id.
  const correlationId = headerValue(req, "client-request-id");
  const fail = (e: EntraError) => sendEntraError(res, e, now, ctx.baseUrl, correlationId);
  if (!matchesTenant(ctx.state.tenant, tenantSegment)) return fail(entraErrors.tenantNotFound(tenantSegment, "invalid_request"));
  if (req.method !== "POST") return fail(entraErrors.postOnly());
  const form = isFormContentType(req) ? toParams(new URLSearchParams((await readBody(req)).toString("utf8"))) : new Map<string, string>();
  const grantType = form.get("grant_type");
  if (!grantType) return fail(entraErrors.missingParameter("grant_type"));
  const client = authenticateClient(ctx, req, form);
  if (!client.ok) return fail(client.error);
  let outcome: Outcome;
  if (grantType === "authorization_code") outcome = await redeemCode(ctx, client.app, form);
  else if (grantType === "refresh_token") outcome = await redeemRefreshToken(ctx, client.app, form);
  else outcome = { ok: false, error: entraErrors.unsupportedGrant(grantType) };
  if (!outcome.ok) return fail(outcome.error);
  sendJson(res, 200, outcome.body, { ...TOKEN_HEADERS, ...(correlationId ? { "client-request-id": correlationId } : {}) });
}

// The client capabilities a token request declares: MSAL sends them in the claims parameter as
// {"access_token":{"xms_cc":{"values":["CP1"]}}} when clientCapabilities is configured.
export function requestedCapabilities(claims: string | undefined): string[] {
  if (!claims) return [];
  try {
    const values: unknown = (JSON.parse(claims) as { access_token?: { xms_cc?: { values?: unknown } } })?.access_token?.xms_cc?.values;
    return Array.isArray(values) ? values.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

// A revoked refresh token, refused in the form the revocation chose.
function refusal(form: RefusalForm, grant: RefreshTokenGrant, validFrom: number): EntraError {
  const maxAgeSeconds = Math.max(0, Math.floor((validFrom - grant.issuedAt) / 1000));
  switch (form) {
    case "revoked-bad-token":
      return entraErrors.grantRevoked(grant.issuedAt, validFrom, "bad_token");
    case "sign-in-frequency":
      return entraErrors.signInFrequency(grant.issuedAt, maxAgeSeconds, "invalid_grant");
    case "sign-in-frequency-interaction":
      return entraErrors.signInFrequency(grant.issuedAt, maxAgeSeconds, "interaction_required");
    case "expired":
      return entraErrors.refreshExpired(grant.issuedAt);
    case "revoked":
      return entraErrors.grantRevoked(grant.issuedAt, validFrom);
  }
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

async function redeemCode(ctx: EmulatorContext, app: AppRegistration, form: Map<string, string>): Promise<Outcome> {
  const now = ctx.state.clock.now();
  const value = form.get("code");
  if (!value) return { ok: false, error: entraErrors.missingParameter("code") };
  const code = ctx.state.grants.findCode(value);
  if (!code) return { ok: false, error: entraErrors.malformedGrant() };
  if (code.clientId !== app.clientId) return { ok: false, error: entraErrors.grantOfOtherClient() };
  if (code.redeemed) return { ok: false, error: entraErrors.codeRedeemed() };
  if (now - code.issuedAt > CODE_LIFETIME_MS) return { ok: false, error: entraErrors.codeExpired() };
  const redirectUri = form.get("redirect_uri");
  if (!redirectUri) return { ok: false, error: entraErrors.missingParameter("redirect_uri") };
  if (redirectUri !== code.redirectUri) return { ok: false, error: entraErrors.redirectMismatch() };
  const verifier = form.get("code_verifier");
  if (!verifier || s256(verifier) !== code.codeChallenge) return { ok: false, error: entraErrors.pkceMismatch() };
  code.redeemed = true;
  const user = findUserByOid(ctx.state.tenant, code.oid);
  const validFrom = ctx.state.grants.validFrom(code.oid);
  if (!user || code.issuedAt < validFrom) return { ok: false, error: entraErrors.grantRevoked(code.issuedAt, validFrom) };
  const granted = parseScopes(code.scope, app.clientId, ctx.state.tenant.displayName);
  const asked = parseScopes(form.get("scope") ?? code.scope, app.clientId, ctx.state.tenant.displayName);
  if (!granted.ok) return { ok: false, error: granted.error };
  if (!asked.ok) return { ok: false, error: asked.error };
  const oidc = [...new Set([...granted.value.oidc, ...asked.value.oidc])];
  const scopes = { ...(asked.value.explicitResource ? asked.value : granted.value), oidc };
  const refreshToken = oidc.includes("offline_access")
    ? ctx.state.grants.issueRefreshToken({ clientId: app.clientId, oid: user.oid, scope: code.scope, sessionId: code.sessionId, issuedAt: now })
    : undefined;
  const body = await buildTokenResponse(ctx, {
    user,
    clientId: app.clientId,
    scopes,
    sessionId: code.sessionId,
    nonce: code.nonce,
    refreshToken,
    withClientInfo: form.get("client_info") === "1",
    clientCapabilities: requestedCapabilities(form.get("claims")),
  });
  return { ok: true, body };
}

async function redeemRefreshToken(ctx: EmulatorContext, app: AppRegistration, form: Map<string, string>): Promise<Outcome> {
  const now = ctx.state.clock.now();
  const value = form.get("refresh_token");
  if (!value) return { ok: false, error: entraErrors.missingParameter("refresh_token") };
  const grant = ctx.state.grants.findRefreshToken(value);
  if (!grant) return { ok: false, error: entraErrors.unknownRefreshToken() };
  if (grant.clientId !== app.clientId) return { ok: false, error: entraErrors.grantOfOtherClient() };
  const validFrom = ctx.state.grants.validFrom(grant.oid);
  const user = findUserByOid(ctx.state.tenant, grant.oid);
  if (!user) return { ok: false, error: entraErrors.grantRevoked(grant.issuedAt, Math.max(validFrom, grant.issuedAt)) };
  if (grant.revoked || grant.issuedAt < validFrom) {
    return { ok: false, error: refusal(ctx.state.grants.refusalForm(grant.oid), grant, Math.max(validFrom, grant.issuedAt)) };
  }
  if (now - grant.lastUsedAt > REFRESH_INACTIVITY_MS) return { ok: false, error: entraErrors.refreshInactive(grant.issuedAt) };
  const asked = parseScopes(form.get("scope") ?? grant.scope, app.clientId, ctx.state.tenant.displayName);
  if (!asked.ok) return { ok: false, error: asked.error };
  grant.lastUsedAt = now;
  // Rotation: a new refresh token each time; the old one stays valid until revoked.
  const refreshToken = ctx.state.grants.issueRefreshToken({
    clientId: app.clientId,
    oid: user.oid,
    scope: grant.scope,
    sessionId: grant.sessionId,
    issuedAt: now,
  });
  const body = await buildTokenResponse(ctx, {
    user,
    clientId: app.clientId,
    scopes: asked.value,
    sessionId: grant.sessionId,
    nonce: undefined,
    refreshToken,
    withClientInfo: form.get("client_info") === "1",
    clientCapabilities: requestedCapabilities(form.get("claims")),
  });
  return { ok: true, body };
}
