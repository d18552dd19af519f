// Calling the emulator's Exchange directly, the way the portal does but without it: a token
// from the emulator's Entra ID (authorization code + PKCE, with the portal's own app
// registration) and InvokeCommand over HTTPS with a keep-alive connection, as the portal's
// fetch keeps one.
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { loadOrCreateSecrets } from "../../../scripts/stack/secrets";
import type { TStack } from "../../../scripts/stack/start-stack";
import { EXCHANGE_SCOPE, pkcePair } from "../../emulator/test-support/harness";
import { httpsRequest } from "../../emulator/test-support/https-client";

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

export async function tokenFor(stack: TStack, dataDir: string, upn: string): Promise<string> {
  const { clientId, clientSecret } = loadOrCreateSecrets(dataDir);
  const redirectUri = `${stack.portalUrl}/api/auth/callback/entra`;
  const tenant = `${stack.emulatorUrl}/${stack.tenantId}`;
  const scope = `openid profile offline_access ${EXCHANGE_SCOPE}`;
  const { verifier, challenge } = pkcePair();
  const authorize = new URL(`${tenant}/oauth2/v2.0/authorize`);
  const params = { client_id: clientId, response_type: "code", redirect_uri: redirectUri, scope, state: "bench", nonce: "bench", code_challenge: challenge, code_challenge_method: "S256", response_mode: "query" };
  for (const [k, v] of Object.entries(params)) authorize.searchParams.set(k, v);
  const html = (await httpsRequest(stack.caCertPath, authorize.toString())).text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const ctx = /name="ctx" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !ctx) throw new Error("the emulator's sign-in page has no form");
  const login = await httpsRequest(stack.caCertPath, new URL(action.replaceAll("&amp;", "&"), stack.emulatorUrl).toString(), { method: "POST", headers: FORM, body: new URLSearchParams({ ctx, login: upn }).toString() });
  const code = new URL(login.header("location") ?? "about:blank").searchParams.get("code");
  if (!code) throw new Error(`no authorization code for ${upn}: ${login.status}`);
  const body = new URLSearchParams({ grant_type: "authorization_code", client_id: clientId, client_secret: clientSecret, code, code_verifier: verifier, redirect_uri: redirectUri, scope });
  const res = await httpsRequest(stack.caCertPath, `${tenant}/oauth2/v2.0/token`, { method: "POST", headers: FORM, body: body.toString() });
  if (res.status !== 200) throw new Error(`token redemption failed: ${res.status} ${res.text()}`);
  return (res.json() as { access_token: string }).access_token;
}

export type TDirectExchange = { invoke(cmdlet: string, parameters: Record<string, unknown>): Promise<number>; close(): void };

// invoke() returns the HTTP status; a non-2xx answer throws (the figure would mean nothing).
export function directExchange(stack: TStack, token: string, anchorUpn: string): TDirectExchange {
  const agent = new Agent({ keepAlive: true, ca: readFileSync(stack.caCertPath) });
  const url = `${stack.emulatorUrl}/adminapi/beta/${stack.tenantId}/InvokeCommand`;
  const invoke = (cmdlet: string, parameters: Record<string, unknown>) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } });
      const headers = { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}`, "X-AnchorMailbox": `UPN:${anchorUpn}`, "X-CmdletName": cmdlet, "X-ResponseFormat": "json", "Content-Length": String(Buffer.byteLength(body)) };
      const req = request(url, { method: "POST", agent, headers }, (res) => {
        res.resume();
        res.on("end", () => ((res.statusCode ?? 0) < 300 ? resolve(res.statusCode ?? 0) : reject(new Error(`${cmdlet} → HTTP ${res.statusCode}`))));
      });
      req.on("error", reject);
      req.end(body);
    });
  return { invoke, close: () => agent.destroy() };
}
