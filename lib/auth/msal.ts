import "server-only";
import { ConfidentialClientApplication, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { getEntraAuthority, getEnv } from "@/lib/env/settings";

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
      // CP1: ExoDesk answers claims challenges (lib/exchange/create-exchange.ts). Entra and
      // Exchange send continuous-access-evaluation challenges only to clients that declare it;
      // MSAL adds {"access_token":{"xms_cc":{"values":["CP1"]}}} to every token request.
      clientCapabilities: ["CP1"],
    },
    system: { loggerOptions: { piiLoggingEnabled: false, loggerCallback: () => {} } },
  });
}

// Entra says the person must sign in again: revoked refresh token (AADSTS50173), sign-in
// frequency (AADSTS70043), expired or inactive refresh token (AADSTS700082), consent. MSAL
// raises InteractionRequiredAuthError only when the error or its suberror is one it knows
// (interaction_required, bad_token…); AADSTS50173 without a suberror, and AADSTS70043 with the
// suberror token_expired, arrive as a ServerError invalid_grant. Read by field, not only by
// class: a bundler may load two copies of MSAL's error classes.
const INTERACTION_ERRORS = new Set(["invalid_grant", "interaction_required", "login_required", "consent_required", "bad_token"]);

export function needsInteraction(e: unknown): boolean {
  if (e instanceof InteractionRequiredAuthError) return true;
  if (!(e instanceof ServerError) && !(e instanceof Error && (e.name === "ServerError" || e.name === "InteractionRequiredAuthError"))) return false;
  const { errorCode, subError } = e as Error & { errorCode?: string; subError?: string };
  return e.name === "InteractionRequiredAuthError" || INTERACTION_ERRORS.has(errorCode ?? "") || subError === "bad_token";
}
