import { describe, expect, it } from "vitest";
import { buildContentSecurityPolicy, createNonce, strictTransportSecurity, toCspOrigin } from "./csp";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("content security policy", () => {
  it("allows scripts only with the nonce, never inline or eval in production", () => {
    const nonce = createNonce();
    const csp = buildContentSecurityPolicy({ nonce, dev: false, formActionOrigins: ["https://login.microsoftonline.com/"] });
    expect(directive(csp, "script-src")).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(directive(csp, "style-src")).toBe(`style-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(directive(csp, "form-action")).toBe("form-action 'self' https://login.microsoftonline.com");
    for (const d of ["frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "default-src 'self'", "img-src 'self' data:", "connect-src 'self'"]) {
      expect(csp).toContain(d);
    }
  });

  it("adds eval only for next dev", () => {
    expect(directive(buildContentSecurityPolicy({ nonce: createNonce(), dev: true }), "script-src")).toContain("'unsafe-eval'");
  });

  it("makes a fresh, unguessable nonce each time", () => {
    const nonces = new Set(Array.from({ length: 200 }, createNonce));
    expect(nonces.size).toBe(200);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(18);
  });

  it("refuses a nonce that could break out of the header", () => {
    expect(() => buildContentSecurityPolicy({ nonce: "abc'; script-src *", dev: false })).toThrow();
  });

  it("puts only origins into source lists", () => {
    expect(toCspOrigin("https://localhost:4643/tenant/path")).toBe("https://localhost:4643");
    expect(toCspOrigin("javascript:alert(1)")).toBeNull();
    expect(toCspOrigin("not a url")).toBeNull();
    expect(toCspOrigin(undefined)).toBeNull();
  });

  it("sends HSTS only for an https portal", () => {
    expect(strictTransportSecurity("https://exodesk.contoso.com")).toMatch(/^max-age=\d+/);
    expect(strictTransportSecurity("http://localhost:3000")).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });
});
