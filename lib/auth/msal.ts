import "server-only";
import { ConfidentialClientApplication, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { getEntraAuthority, getEnv } from "@/lib/env";

// The OpenID metadata is fetched once per process and handed to every client instance, so
// building a client per request (each with one user's cache) costs no network round trip.
let authorityMetadata: Promise<string> | undefined;

const getAuthority = getEntraAuthority;

async function fetchAuthorityMetadata(): Promise<string> {
  const url = `${getAuthority()}/v2.0/.well-known/openid-configuration`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Entra ID discovery failed: ${res.status} from ${url}`);
  return await res.text();
}

export async function createMsalClient(): Promise<ConfidentialClientApplication> {
  const env = getEnv();
  authorityMetadata ??= fetchAuthorityMetadata().catch((e: unknown) => {
    authorityMetadata = undefined;
    throw e;
  });
  return new ConfidentialClientApplication({
    auth: {
      clientId: env.ENTRA_CLIENT_ID,
      clientSecret: env.ENTRA_CLIENT_SECRET,
      authority: getAuthority(),
      knownAuthorities: [new URL(env.ENTRA_AUTHORITY_HOST).host],
      authorityMetadata: await authorityMetadata,
    },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => {} } },
  });
}

// Entra says the person must sign in again: revoked or expired refresh token, sign-in
// frequency, consent. MSAL reports it as InteractionRequiredAuthError only when the error
// carries a suberror; otherwise it is a ServerError with invalid_grant.
export function needsInteraction(e: unknown): boolean {
  if (e instanceof InteractionRequiredAuthError) return true;
  return e instanceof ServerError && (e.errorCode === "invalid_grant" || e.errorCode === "interaction_required");
}
