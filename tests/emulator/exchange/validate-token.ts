import { compactVerify, decodeProtectedHeader } from "jose";
import type { EmulatorContext } from "../context";
import { BACKDATE_SECONDS, v1Issuer } from "../entra/issue-tokens";
import { EXCHANGE_RESOURCE } from "../entra/scopes";
import { findUserByOid, type DirectoryUser } from "../tenant/model";

// How Exchange Online checks a bearer token; a refusal is a 401 whose reason is in
// x-ms-diagnostics (format "<code>;reason=\"…\";error_category=\"…\"").

export const CLOCK_LEEWAY_SECONDS = 5;
const EXCHANGE_APP_ID = "00000002-0000-0ff1-ce00-000000000000";
const AUDIENCES = [EXCHANGE_RESOURCE, `${EXCHANGE_RESOURCE}/`, EXCHANGE_APP_ID];

export type TokenCheck =
  | { ok: true; user: DirectoryUser; tokenTenantId: string }
  | { ok: false; hasToken: boolean; diagnostics: string; claims?: string };

function refuse(code: number, reason: string, category: string, hasToken = true): Extract<TokenCheck, { ok: false }> {
  return { ok: false, hasToken, diagnostics: `${code};reason="${reason}";error_category="${category}"` };
}

export function wwwAuthenticate(ctx: EmulatorContext, hasToken: boolean, claims?: string): string {
  const parts = [
    `Bearer client_id="${EXCHANGE_APP_ID}"`,
    `trusted_issuers="00000001-0000-0000-c000-000000000000@*"`,
    `token_types="app_asserted_user_v1 service_asserted_app_v1"`,
    `authorization_uri="${ctx.baseUrl}/${ctx.state.tenant.tenantId}/oauth2/v2.0/authorize"`,
  ];
  if (claims) parts.push(`error="insufficient_claims"`, `claims="${claims}"`);
  else if (hasToken) parts.push(`error="invalid_token"`);
  return parts.join(", ");
}

export async function validateBearer(ctx: EmulatorContext, authorization: string | undefined, urlTenantId: string | undefined): Promise<TokenCheck> {
  const m = authorization?.match(/^Bearer\s+(\S+)\s*$/i);
  if (!m) return refuse(2000000, "The request does not contain an OAuth token in the Authorization header.", "invalid_token", false);
  const token = m[1]!;
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return refuse(2000001, "OAuth token submitted with the request cannot be parsed.", "invalid_token");
  }
  if (header.alg !== "RS256" || header.kid !== ctx.keys.kid) return refuse(2000000, "The token has an invalid signature.", "invalid_signature");
  let claims: Record<string, unknown>;
  try {
    const { payload } = await compactVerify(token, ctx.keys.publicKey);
    claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
  } catch {
    return refuse(2000000, "The token has an invalid signature.", "invalid_signature");
  }
  if (typeof claims.aud !== "string" || !AUDIENCES.includes(claims.aud)) {
    return refuse(2000003, `The audience claim value is invalid '${String(claims.aud)}'.`, "invalid_resource");
  }
  if (claims.iss !== v1Issuer(ctx)) return refuse(2000001, `The issuer claim value is invalid '${String(claims.iss)}'.`, "invalid_token");
  const now = ctx.state.clock.nowSeconds();
  if (typeof claims.exp !== "number" || now > claims.exp + CLOCK_LEEWAY_SECONDS) {
    return refuse(2000008, "The token has expired.", "invalid_token");
  }
  if (typeof claims.nbf === "number" && now < claims.nbf - CLOCK_LEEWAY_SECONDS) {
    return refuse(2000009, "The token is not yet valid.", "invalid_token");
  }
  const scopes = typeof claims.scp === "string" ? claims.scp.split(" ") : [];
  if (!scopes.includes("Exchange.Manage")) {
    return refuse(2008004, "The token contains not enough scope to make this call.", "invalid_grant");
  }
  const tid = typeof claims.tid === "string" ? claims.tid : "";
  if (urlTenantId !== tid) {
    return refuse(2000012, "The tenant in the request URL does not match the tenant of the token.", "invalid_tenant");
  }
  const user = typeof claims.oid === "string" ? findUserByOid(ctx.state.tenant, claims.oid) : undefined;
  if (!user) return refuse(2000020, "The user of the token was not found in the organization.", "invalid_user");
  // iat is backdated by Entra; the token was really issued BACKDATE_SECONDS later.
  const criticalEvent = ctx.state.criticalEvents.get(user.oid);
  if (criticalEvent !== undefined && typeof claims.iat === "number" && claims.iat + BACKDATE_SECONDS < criticalEvent) {
    // Claims challenges go only to clients that declared the CP1 capability (the token's
    // xms_cc); any other client gets a plain 401 and must renew the token as after expiry.
    const cp1 = Array.isArray(claims.xms_cc) && claims.xms_cc.includes("CP1");
    if (!cp1) return refuse(2000014, "The token was issued before a critical event for this user and is no longer valid.", "invalid_token");
    const challenge = Buffer.from(JSON.stringify({ access_token: { nbf: { essential: true, value: String(criticalEvent) } } })).toString("base64");
    return { ...refuse(2000014, "The token was issued before a critical event and needs the claims in the challenge.", "insufficient_claims"), claims: challenge };
  }
  return { ok: true, user, tokenTenantId: tid };
}
