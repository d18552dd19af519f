import { newGuid } from "../ids";
import { sendJson, type Res } from "../http";

// Entra ID's error answers: the description carries the AADSTS code and the trace footer,
// and the same ids appear as fields.

export type EntraError = {
  status: number;
  error: string;
  code: number; // the AADSTS number
  text: string;
  suberror?: string;
};

export type EntraErrorBody = {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
};

// "2024-05-04 12:00:00Z", as Entra writes it.
export function entraTimestamp(now: number): string {
  return `${new Date(now).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export function entraDescription(e: EntraError, now: number, traceId: string, correlationId: string): string {
  return `AADSTS${e.code}: ${e.text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${entraTimestamp(now)}`;
}

export function entraErrorBody(e: EntraError, now: number, baseUrl: string, correlationId = newGuid()): EntraErrorBody {
  const traceId = newGuid();
  return {
    error: e.error,
    error_description: entraDescription(e, now, traceId, correlationId),
    error_codes: [e.code],
    timestamp: entraTimestamp(now),
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${baseUrl}/error?code=${e.code}`,
    ...(e.suberror ? { suberror: e.suberror } : {}),
  };
}

export function sendEntraError(res: Res, e: EntraError, now: number, baseUrl: string, correlationId?: string): void {
  const body = entraErrorBody(e, now, baseUrl, correlationId);
  sendJson(res, e.status, body, {
    "Cache-Control": "no-store, no-cache",
    Pragma: "no-cache",
    "x-ms-request-id": body.trace_id,
    ...(correlationId ? { "client-request-id": correlationId } : {}),
  });
}

export const entraErrors = {
  tenantNotFound: (tenant: string, error = "invalid_tenant"): EntraError => ({
    status: 400,
    error,
    code: 90002,
    text: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  missingParameter: (name: string): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 900144,
    text: `The request body must contain the following parameter: '${name}'.`,
  }),
  postOnly: (): EntraError => ({
    status: 400,
    error: "invalid_request",
    code: 900561,
    text: "The endpoint only accepts POST requests. Received a GET request.",
  }),
  unknownClient: (clientId: string, tenantName: string): EntraError => ({
    status: 400,
    error: "unauthorized_client",
    code: 700016,
    text: `Application with identifier '${clientId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  missingSecret: (): EntraError => ({
    status: 401,
    error: "invalid_client",
    code: 7000218,
    text: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  }),
  wrongSecret: (clientId: string): EntraError => ({
    status: 401,
    error: "invalid_client",
    code: 7000215,
    text: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  unsupportedGrant: (grant: string): EntraError => ({
    status: 400,
    error: "unsupported_grant_type",
    code: 70003,
    text: `The app requested an unsupported grant type '${grant}'.`,
  }),
  malformedGrant: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 9002313,
    text: "Invalid request. Request is malformed or invalid.",
  }),
  codeRedeemed: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 54005,
    text: "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  }),
  codeExpired: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 70008,
    text: "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  }),
  grantOfOtherClient: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 70000,
    text: "Provided grant is invalid or malformed. The grant was issued to a different client.",
  }),
  redirectMismatch: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 70000,
    text: "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code.",
  }),
  pkceMismatch: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 50148,
    text: "The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.",
  }),
  // Entra sends AADSTS50173 without a suberror (public captures: azure-cli #16745, vscode
  // #135299), so MSAL raises ServerError invalid_grant; "revoked-bad-token" keeps the old form.
  grantRevoked: (issuedAt: number, validFrom: number, suberror?: string): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 50173,
    ...(suberror ? { suberror } : {}),
    text: `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${new Date(issuedAt).toISOString()}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${new Date(validFrom).toISOString()}'.`,
  }),
  refreshInactive: (issuedAt: number): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 700082,
    suberror: "bad_token",
    text: `The refresh token has expired due to inactivity. The token was issued on ${new Date(issuedAt).toISOString()} and was inactive for 90.00:00:00.`,
  }),
  // Conditional Access sign-in frequency. Seen both as invalid_grant and as
  // interaction_required, each with the suberror token_expired (email-oauth2-proxy #181,
  // vscode-azure-account #673).
  signInFrequency: (issuedAt: number, maxAgeSeconds: number, error: "invalid_grant" | "interaction_required"): EntraError => ({
    status: 400,
    error,
    code: 70043,
    suberror: "token_expired",
    text: `The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. The token was issued on ${new Date(issuedAt).toISOString()} and the maximum allowed lifetime for this request is ${maxAgeSeconds}.`,
  }),
  // AADSTS700082 as azure-cli #14244 and azure-sdk-for-python #26729 captured it: no suberror.
  refreshExpired: (issuedAt: number): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 700082,
    text: `The refresh token has expired due to inactivity. The token was issued on ${new Date(issuedAt).toISOString()} and was inactive for 90.00:00:00.`,
  }),
  unknownRefreshToken: (): EntraError => ({
    status: 400,
    error: "invalid_grant",
    code: 9002313,
    suberror: "bad_token",
    text: "Invalid request. Request is malformed or invalid.",
  }),
};
