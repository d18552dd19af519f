// Drives the emulator with the real clients the portal uses: @azure/msal-node (code
// redemption, cache, silent renewal, revocation) and openid-client (what next-auth uses for
// discovery and ID-token checks). Run in its own process with NODE_EXTRA_CA_CERTS pointing at
// the emulator's CA, exactly as the portal runs. Prints one JSON line per check; exit 0 = all passed.
import { ConfidentialClientApplication, CryptoProvider, InteractionRequiredAuthError, ServerError } from "@azure/msal-node";
import { Issuer, generators } from "openid-client";

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set`);
  return v;
};
const base = env("EMULATOR_URL");
const tenantId = env("EMULATOR_TENANT_ID");
const clientId = env("EMULATOR_CLIENT_ID");
const clientSecret = env("EMULATOR_CLIENT_SECRET");
const redirectUri = env("EMULATOR_REDIRECT_URI");
const upn = env("EMULATOR_UPN");
const EXCHANGE = "https://outlook.office365.com/Exchange.Manage";
const LOGIN = ["openid", "profile", "offline_access", EXCHANGE];

let failures = 0;
function check(name: string, ok: boolean, detail: unknown = undefined): void {
  if (!ok) failures++;
  process.stdout.write(`${JSON.stringify({ check: name, ok, detail })}\n`);
}

// The browser's part: open the authorize URL, choose the user, return the redirect.
async function browserSignIn(authorizeUrl: string): Promise<URL> {
  const page = await fetch(authorizeUrl, { redirect: "manual" });
  const html = await page.text();
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1];
  const ctx = html.match(/name="ctx" value="([^"]+)"/)?.[1];
  if (!action || !ctx) throw new Error(`no sign-in form (${page.status})`);
  const res = await fetch(new URL(action, base), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ctx, login: upn }),
  });
  const location = res.headers.get("location");
  if (res.status !== 302 || !location) throw new Error(`sign-in did not redirect (${res.status})`);
  return new URL(location);
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${base}/_emulator/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`control ${path}: ${res.status}`);
}

// With authorityMetadata (as lib/auth/msal.ts does) the client makes no discovery request.
function newMsal(authorityMetadata?: string): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: { clientId, clientSecret, authority: `${base}/${tenantId}`, knownAuthorities: [new URL(base).host], authorityMetadata },
    system: { loggerOptions: { loggerCallback: () => {}, piiLoggingEnabled: false } },
  });
}

async function msalChecks(): Promise<void> {
  const msal = newMsal();
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const nonce = "msal-nonce-1";
  const url = await msal.getAuthCodeUrl({ scopes: LOGIN, redirectUri, codeChallenge: challenge, codeChallengeMethod: "S256", state: "s1", nonce, responseMode: "query" });
  const back = await browserSignIn(url);
  const code = back.searchParams.get("code") ?? "";
  check("msal: authorize redirect carries code and state", !!code && back.searchParams.get("state") === "s1");
  const first = await msal.acquireTokenByCode({ code, codeVerifier: verifier, redirectUri, scopes: LOGIN, nonce }, { code, nonce });
  const claims = first.idTokenClaims as { oid?: string; tid?: string; roles?: string[]; nonce?: string };
  check("msal: acquireTokenByCode", !!first.accessToken && claims.nonce === nonce, { scopes: first.scopes, roles: claims.roles });
  const homeId = `${claims.oid}.${claims.tid}`;
  check("msal: account id is oid.tid from client_info", first.account?.homeAccountId === homeId, first.account?.homeAccountId);

  // The portal's pattern: a new client per request with the user's cache deserialised.
  const serialized = msal.getTokenCache().serialize();
  const metadata = await (await fetch(`${base}/${tenantId}/v2.0/.well-known/openid-configuration`)).text();
  const second = newMsal(metadata);
  second.getTokenCache().deserialize(serialized);
  const account = await second.getTokenCache().getAccountByHomeId(homeId);
  check("msal: account found in the deserialised cache", !!account);
  const cached = await second.acquireTokenSilent({ account: account!, scopes: [EXCHANGE] });
  check("msal: acquireTokenSilent serves the cached token", cached.accessToken === first.accessToken, { fromCache: cached.fromCache });
  const refreshed = await second.acquireTokenSilent({ account: account!, scopes: [EXCHANGE], forceRefresh: true });
  check("msal: acquireTokenSilent refreshes with the refresh token", !!refreshed.accessToken && refreshed.accessToken !== first.accessToken);

  const invoke = await fetch(`${base}/adminapi/beta/${tenantId}/InvokeCommand`, {
    method: "POST",
    headers: { Authorization: `Bearer ${refreshed.accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ CmdletInput: { CmdletName: "Get-Mailbox", Parameters: { Identity: upn } } }),
  });
  check("msal: its access token works at InvokeCommand", invoke.status === 200, invoke.status);

  // Short-lived tokens: under MSAL's 300 s renewal margin, every silent call renews.
  await control("token-lifetime", { seconds: 120 });
  const short = await second.acquireTokenSilent({ account: account!, scopes: [EXCHANGE], forceRefresh: true });
  const renewed = await second.acquireTokenSilent({ account: account!, scopes: [EXCHANGE] });
  check("msal: a token close to expiry is renewed silently", renewed.accessToken !== short.accessToken);

  // Entra words a revocation as AADSTS50173 without a suberror: MSAL raises a ServerError
  // invalid_grant, not InteractionRequiredAuthError (lib/auth/msal.ts needsInteraction reads both).
  await control("revoke", { upn });
  try {
    await second.acquireTokenSilent({ account: account!, scopes: [EXCHANGE], forceRefresh: true });
    check("msal: revoked refresh token (AADSTS50173) surfaces as ServerError invalid_grant", false, "no error");
  } catch (e) {
    const err = e as ServerError;
    check("msal: revoked refresh token (AADSTS50173) surfaces as ServerError invalid_grant", e instanceof ServerError && !(e instanceof InteractionRequiredAuthError) && err.errorCode === "invalid_grant", {
      name: err.name,
      errorCode: err.errorCode,
      subError: err.subError,
    });
  }
}

async function openidClientChecks(): Promise<void> {
  const issuer = await Issuer.discover(`${base}/${tenantId}/v2.0/.well-known/openid-configuration`);
  check("openid-client: discovery", issuer.metadata.issuer === `${base}/${tenantId}/v2.0`, issuer.metadata.issuer);
  const client = new issuer.Client({ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ["code"] });
  const codeVerifier = generators.codeVerifier();
  const nonce = generators.nonce();
  const state = generators.state();
  const url = client.authorizationUrl({
    scope: LOGIN.join(" "),
    code_challenge: generators.codeChallenge(codeVerifier),
    code_challenge_method: "S256",
    nonce,
    state,
    response_mode: "query",
  });
  const back = await browserSignIn(url);
  const params = client.callbackParams(back.toString());
  // callback() redeems the code (client_secret_basic) and validates the ID token: signature
  // from the JWKS, issuer, audience, expiry and nonce.
  const tokens = await client.callback(redirectUri, params, { code_verifier: codeVerifier, nonce, state });
  const claims = tokens.claims();
  check("openid-client: callback validates the ID token", claims.nonce === nonce && claims.aud === clientId, { iss: claims.iss });
}

async function main(): Promise<void> {
  await control("reset", {});
  await msalChecks();
  await control("reset", {});
  await openidClientChecks();
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((e: unknown) => {
  check("unexpected error", false, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
