import type { EmulatorContext } from "../context";
import { sendJson, type Res } from "../http";
import { matchesTenant } from "../tenant/model";
import { entraErrors, sendEntraError } from "./errors";
import { v2Issuer } from "./issue-tokens";

const DISCOVERY_HEADERS = { "Cache-Control": "max-age=86400, private", "Access-Control-Allow-Origin": "*" };

// The tenant-specific v2.0 OpenID configuration. Endpoints always name the tenant by its
// GUID, whichever name the request used, as Entra does.
export function openIdConfiguration(ctx: EmulatorContext): Record<string, unknown> {
  const t = `${ctx.baseUrl}/${ctx.state.tenant.tenantId}`;
  return {
    token_endpoint: `${t}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    jwks_uri: `${t}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: v2Issuer(ctx),
    request_uri_parameter_supported: false,
    authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${t}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "email",
      "oid", "upn", "roles",
    ],
    code_challenge_methods_supported: ["S256"],
    tenant_region_scope: "EU",
    cloud_instance_name: "microsoftonline.com",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
    rbac_url: "https://pas.windows.net",
  };
}

export function jwks(ctx: EmulatorContext): { keys: Record<string, unknown>[] } {
  return { keys: [{ ...ctx.keys.publicJwk, issuer: v2Issuer(ctx) }] };
}

export function handleDiscovery(ctx: EmulatorContext, res: Res, tenantSegment: string, what: "openid" | "keys"): void {
  const now = ctx.state.clock.now();
  if (!matchesTenant(ctx.state.tenant, tenantSegment)) {
    sendEntraError(res, entraErrors.tenantNotFound(tenantSegment), now, ctx.baseUrl);
    return;
  }
  sendJson(res, 200, what === "openid" ? openIdConfiguration(ctx) : jwks(ctx), DISCOVERY_HEADERS);
}
