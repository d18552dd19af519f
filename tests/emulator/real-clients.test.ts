import { expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { REDIRECT_URI, TEST_APP, useHarness } from "./test-support/harness";
import { collect, spawnTs } from "./test-support/spawn";

const h = useHarness();

// @azure/msal-node and openid-client (next-auth) against the emulator, in a process that
// trusts the emulator only through NODE_EXTRA_CA_CERTS, as the portal does.
test("msal-node and openid-client work against the emulator", async () => {
  const child = spawnTs("test-support/real-clients-check.ts", [], {
    NODE_EXTRA_CA_CERTS: h.em.caCertPath,
    EMULATOR_URL: h.em.url,
    EMULATOR_TENANT_ID: h.em.tenantId,
    EMULATOR_CLIENT_ID: TEST_APP.clientId,
    EMULATOR_CLIENT_SECRET: TEST_APP.clientSecret,
    EMULATOR_REDIRECT_URI: REDIRECT_URI,
    EMULATOR_UPN: DEMO_USERS.helpdesk,
  });
  const { code, stdout, stderr } = await collect(child);
  const checks = stdout
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { check: string; ok: boolean; detail?: unknown });
  const failed = checks.filter((c) => !c.ok);
  expect(failed, `${stdout}\n${stderr}`).toEqual([]);
  expect(checks.map((c) => c.check)).toEqual([
    "msal: authorize redirect carries code and state",
    "msal: acquireTokenByCode",
    "msal: account id is oid.tid from client_info",
    "msal: account found in the deserialised cache",
    "msal: acquireTokenSilent serves the cached token",
    "msal: acquireTokenSilent refreshes with the refresh token",
    "msal: its access token works at InvokeCommand",
    "msal: a token close to expiry is renewed silently",
    "msal: revoked refresh token (AADSTS50173) surfaces as ServerError invalid_grant",
    "openid-client: discovery",
    "openid-client: callback validates the ID token",
  ]);
  expect(code).toBe(0);
});
