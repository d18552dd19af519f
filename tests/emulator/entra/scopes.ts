import type { EntraError } from "./errors";

// Scopes as Entra ID v2.0 reads them: OpenID scopes plus the permissions of exactly one
// resource per token. Every registered app has admin consent for the permissions below.

export const EXCHANGE_RESOURCE = "https://outlook.office365.com";
export const GRAPH_RESOURCE = "https://graph.microsoft.com";

export type Resource = {
  uri: string;
  audience: string; // the token's aud
  bareScopes: boolean; // Graph permissions are written without the resource prefix
  consented: string[];
};

export const RESOURCES: Resource[] = [
  { uri: EXCHANGE_RESOURCE, audience: EXCHANGE_RESOURCE, bareScopes: false, consented: ["Exchange.Manage", "EWS.AccessAsUser.All"] },
  { uri: GRAPH_RESOURCE, audience: "00000003-0000-0000-c000-000000000000", bareScopes: true, consented: ["User.Read"] },
];

const OIDC_SCOPES = ["openid", "profile", "email", "offline_access"];

export type ScopeRequest = {
  oidc: string[]; // the OpenID scopes asked for
  resource: Resource; // Graph (User.Read) when only OpenID scopes were asked for
  permissions: string[]; // the token's scp, in canonical spelling
  explicitResource: boolean;
};

export type ScopeResult = { ok: true; value: ScopeRequest } | { ok: false; error: EntraError };

function invalidScope(code: number, text: string, error = "invalid_scope"): ScopeResult {
  return { ok: false, error: { status: 400, error, code, text } };
}

function findResource(uri: string): Resource | undefined {
  const wanted = uri.replace(/\/+$/, "").toLowerCase();
  return RESOURCES.find((r) => r.uri === wanted);
}

export function parseScopes(raw: string, clientId: string, tenantName: string): ScopeResult {
  const items = [...new Set(raw.split(/\s+/).filter(Boolean))];
  const oidc: string[] = [];
  const byResource = new Map<Resource, string[]>();
  for (const item of items) {
    const lower = item.toLowerCase();
    if (OIDC_SCOPES.includes(lower)) {
      if (!oidc.includes(lower)) oidc.push(lower);
      continue;
    }
    const slash = item.lastIndexOf("/");
    const isUri = item.includes("://") || /^[0-9a-f-]{36}\//i.test(item);
    const resourceUri = isUri ? item.slice(0, slash) : GRAPH_RESOURCE;
    const permission = isUri ? item.slice(slash + 1) : item;
    const resource = findResource(resourceUri);
    if (!resource) {
      return invalidScope(
        500011,
        `The resource principal named ${resourceUri} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
        "invalid_resource",
      );
    }
    byResource.set(resource, [...(byResource.get(resource) ?? []), permission]);
  }
  if (byResource.size > 1) {
    return invalidScope(28000, `Provided value for the input parameter scope is not valid because it contains more than one resource. Scope ${raw} is not valid.`);
  }
  const [entry] = [...byResource.entries()];
  if (!entry) {
    const graph = RESOURCES.find((r) => r.uri === GRAPH_RESOURCE)!;
    if (oidc.length === 0) return { ok: false, error: { status: 400, error: "invalid_request", code: 900144, text: "The request body must contain the following parameter: 'scope'." } };
    return { ok: true, value: { oidc, resource: graph, permissions: [...graph.consented], explicitResource: false } };
  }
  const [resource, asked] = entry;
  const isDefault = asked.some((p) => p.toLowerCase() === ".default");
  if (isDefault && asked.length > 1) {
    return invalidScope(70011, `The provided value for the input parameter 'scope' is not valid. The scope ${raw} is not valid. .default scope can't be combined with resource-specific scopes.`);
  }
  const permissions = isDefault ? [...resource.consented] : [];
  for (const p of isDefault ? [] : asked) {
    const canonical = resource.consented.find((c) => c.toLowerCase() === p.toLowerCase());
    if (!canonical) {
      return {
        ok: false,
        error: {
          status: 400,
          error: "invalid_grant",
          code: 65001,
          suberror: "consent_required",
          text: `The user or administrator has not consented to use the application with ID '${clientId}' named 'ExoDesk'. Send an interactive authorization request for this user and resource.`,
        },
      };
    }
    if (!permissions.includes(canonical)) permissions.push(canonical);
  }
  return { ok: true, value: { oidc, resource, permissions, explicitResource: true } };
}

// The scope string of a token response: the resource's permissions (full URIs, bare for
// Graph) followed by the OpenID scopes that were granted.
export function responseScope(req: ScopeRequest): string {
  const perms = req.permissions.map((p) => (req.resource.bareScopes ? p : `${req.resource.uri}/${p}`));
  return [...perms, ...req.oidc].join(" ");
}
