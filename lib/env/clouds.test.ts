import { afterEach, describe, expect, it, vi } from "vitest";
import { invokeCommand } from "../exchange/client";

// Each Microsoft cloud as the README's configuration table gives it: the settings parse, and
// the Entra authority, the Exchange scope and the InvokeCommand address follow from them.
// Hosts: Microsoft's Connect-ExchangeOnline documentation (ConnectionUri,
// AzureADAuthorizationEndpointUri); audiences: what public clients request per cloud.

const TENANT = "8e1d9b62-1a3c-4a0e-9f3b-2f0d5c7a4b10";

const CLOUDS = [
  {
    cloud: "Microsoft 365 and GCC",
    env: {},
    authority: `https://login.microsoftonline.com/${TENANT}`,
    scope: "https://outlook.office365.com/Exchange.Manage",
    invokeUrl: `https://outlook.office365.com/adminapi/beta/${TENANT}/InvokeCommand`,
  },
  {
    cloud: "GCC High",
    env: { ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.us", EXCHANGE_BASE_URL: "https://outlook.office365.us", EXCHANGE_RESOURCE: "https://outlook.office365.us" },
    authority: `https://login.microsoftonline.us/${TENANT}`,
    scope: "https://outlook.office365.us/Exchange.Manage",
    invokeUrl: `https://outlook.office365.us/adminapi/beta/${TENANT}/InvokeCommand`,
  },
  {
    cloud: "DoD",
    env: { ENTRA_AUTHORITY_HOST: "https://login.microsoftonline.us", EXCHANGE_BASE_URL: "https://webmail.apps.mil", EXCHANGE_RESOURCE: "https://outlook-dod.office365.us" },
    authority: `https://login.microsoftonline.us/${TENANT}`,
    scope: "https://outlook-dod.office365.us/Exchange.Manage",
    invokeUrl: `https://webmail.apps.mil/adminapi/beta/${TENANT}/InvokeCommand`,
  },
  {
    cloud: "21Vianet",
    env: { ENTRA_AUTHORITY_HOST: "https://login.chinacloudapi.cn/", EXCHANGE_BASE_URL: "https://partner.outlook.cn/", EXCHANGE_RESOURCE: "https://partner.outlook.cn/" },
    authority: `https://login.chinacloudapi.cn/${TENANT}`,
    scope: "https://partner.outlook.cn/Exchange.Manage",
    invokeUrl: `https://partner.outlook.cn/adminapi/beta/${TENANT}/InvokeCommand`,
  },
] as const;

const BASE_ENV = {
  NEXTAUTH_URL: "https://exodesk.example.org",
  NEXTAUTH_SECRET: "s".repeat(32),
  ENTRA_TENANT_ID: TENANT,
  ENTRA_CLIENT_ID: "0b5f7a30-2c1e-4f7d-9a8b-1c2d3e4f5a6b",
  ENTRA_CLIENT_SECRET: "client-secret-value",
  TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString("base64"),
};
const CLOUD_NAMES = ["ENTRA_AUTHORITY_HOST", "EXCHANGE_BASE_URL", "EXCHANGE_RESOURCE"] as const;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe.each(CLOUDS)("the $cloud configuration", ({ env, authority, scope, invokeUrl }) => {
  it("parses, and the authority, scope and InvokeCommand address derive from it", async () => {
    for (const [name, value] of Object.entries(BASE_ENV)) vi.stubEnv(name, value);
    for (const name of CLOUD_NAMES) vi.stubEnv(name, (env as Partial<Record<(typeof CLOUD_NAMES)[number], string>>)[name]);
    const { getEnv, getEntraAuthority, getExchangeScope } = await import("./settings");
    const config = getEnv();
    expect(getEntraAuthority()).toBe(authority);
    expect(getExchangeScope()).toBe(scope);

    const sent: string[] = [];
    const fetchImpl: typeof fetch = async (input) => {
      sent.push(String(input));
      return new Response(JSON.stringify({ value: [] }), { status: 200, headers: { "content-type": "application/json" } });
    };
    await invokeCommand({
      baseUrl: config.EXCHANGE_BASE_URL,
      tenantId: TENANT,
      accessToken: "token",
      anchorUpn: "helpdesk@contoso.example",
      cmdlet: "Get-Mailbox",
      parameters: {},
      fetchImpl,
      retry: { maxRetries: 0 },
    });
    expect(sent).toEqual([invokeUrl]);
  });
});
