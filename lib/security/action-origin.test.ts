import { describe, expect, it } from "vitest";
import { isRequestOriginAllowed } from "./action-origin";

const post = (origin: string | null, host = "portal.contoso.com", forwardedHost: string | null = null, method = "POST") => ({
  method, origin, host, forwardedHost,
});

describe("request origin", () => {
  it("accepts the portal's own origin", () => {
    expect(isRequestOriginAllowed(post("https://portal.contoso.com"))).toBe(true);
    expect(isRequestOriginAllowed(post("https://portal.contoso.com", "10.0.0.5:3000", "portal.contoso.com"))).toBe(true);
    expect(isRequestOriginAllowed(post("https://PORTAL.contoso.com"))).toBe(true);
  });

  it.each([null, "", "null", "https://evil.example", "https://portal.contoso.com.evil.example", "https://portal.contoso.com:8443", "not a url"])(
    "refuses a POST with origin %j",
    (origin) => {
      expect(isRequestOriginAllowed(post(origin))).toBe(false);
    },
  );

  // A server action's no-JavaScript encoding has no Next-Action header; next-auth's sign-in and
  // sign-out are plain form POSTs: none of them is told apart by its encoding any more.
  it.each(["POST", "PUT", "PATCH", "DELETE", "post", "TRACE", "PROPFIND"])("holds %s to the check", (method) => {
    expect(isRequestOriginAllowed(post(null, "portal.contoso.com", null, method))).toBe(false);
    expect(isRequestOriginAllowed(post("https://evil.example", "portal.contoso.com", null, method))).toBe(false);
    expect(isRequestOriginAllowed(post("https://portal.contoso.com", "portal.contoso.com", null, method))).toBe(true);
  });

  it("leaves reads alone, with or without an origin (the metrics scraper sends none)", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isRequestOriginAllowed(post(null, "x", null, method))).toBe(true);
      expect(isRequestOriginAllowed(post("https://evil.example", "x", null, method))).toBe(true);
    }
  });

  it("compares with the host a trusted proxy forwarded, not the internal one", () => {
    expect(isRequestOriginAllowed(post("http://10.0.0.5:3000", "10.0.0.5:3000", "portal.contoso.com"))).toBe(false);
    expect(isRequestOriginAllowed(post("https://portal.contoso.com", "10.0.0.5:3000", "portal.contoso.com, other.example"))).toBe(true);
  });

  it("refuses when there is no host to compare with", () => {
    expect(isRequestOriginAllowed(post("https://portal.contoso.com", null as unknown as string, null))).toBe(false);
  });
});
