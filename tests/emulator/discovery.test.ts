import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { startEmulator } from "./index";
import { TEST_APP, useHarness } from "./test-support/harness";

const h = useHarness();

describe("OpenID discovery", () => {
  test("the tenant GUID and the domain name give the same GUID-based configuration", async () => {
    const byGuid = await h.request(`/${h.em.tenantId}/v2.0/.well-known/openid-configuration`);
    const byDomain = await h.request("/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration");
    expect(byGuid.status).toBe(200);
    expect(byDomain.json()).toEqual(byGuid.json());
    const c = byGuid.json();
    const t = `${h.em.url}/${h.em.tenantId}`;
    expect(c).toMatchObject({
      issuer: `${t}/v2.0`,
      authorization_endpoint: `${t}/oauth2/v2.0/authorize`,
      token_endpoint: `${t}/oauth2/v2.0/token`,
      jwks_uri: `${t}/discovery/v2.0/keys`,
      end_session_endpoint: `${t}/oauth2/v2.0/logout`,
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
      response_types_supported: ["code"],
    });
    expect(c.scopes_supported).toEqual(expect.arrayContaining(["openid", "profile", "offline_access"]));
  });

  test("an unknown tenant is refused with AADSTS90002 in Entra's error shape", async () => {
    const res = await h.request("/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration");
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body.error).toBe("invalid_tenant");
    expect(body.error_codes).toEqual([90002]);
    expect(body.error_description).toMatch(/^AADSTS90002: Tenant 'fabrikam\.onmicrosoft\.com' not found\./);
    expect(body.error_description).toMatch(/\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("the JWKS publishes one RS256 key with kid, x5t and a certificate", async () => {
    const res = await h.request(`/${h.em.tenantId}/discovery/v2.0/keys`);
    expect(res.status).toBe(200);
    const { keys } = res.json();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ kty: "RSA", use: "sig", e: "AQAB", issuer: `${h.em.url}/${h.em.tenantId}/v2.0` });
    expect(key.kid).toBe(key.x5t);
    const cert = new X509Certificate(Buffer.from(key.x5c[0], "base64"));
    expect(cert.publicKey.export({ format: "jwk" })).toMatchObject({ n: key.n, e: key.e });
  });
});

describe("TLS certificate", () => {
  test("is a CA certificate for localhost and 127.0.0.1, written to caCertPath", () => {
    const cert = new X509Certificate(readFileSync(h.em.caCertPath));
    expect(cert.ca).toBe(true);
    expect(cert.subjectAltName).toContain("DNS:localhost");
    expect(cert.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(readFileSync(`${h.stateDir}/tls.pem`, "utf8")).toContain("PRIVATE KEY");
    expect(readFileSync(h.em.caCertPath, "utf8")).not.toContain("PRIVATE KEY");
  });

  test("is reused when the emulator restarts on the same state directory", async () => {
    const before = readFileSync(h.em.caCertPath, "utf8");
    const again = await startEmulator({ port: 0, stateDir: h.stateDir, apps: [TEST_APP] });
    try {
      expect(readFileSync(again.caCertPath, "utf8")).toBe(before);
      const res = await h.request(`${again.url}/${again.tenantId}/v2.0/.well-known/openid-configuration`);
      expect(res.status).toBe(200); // served with the same, trusted certificate
    } finally {
      await again.close();
    }
  });
});
