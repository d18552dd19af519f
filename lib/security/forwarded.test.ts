import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, normaliseAddress, parseTrustedProxies, rewriteForwardedHeaders } from "./forwarded";

const none = parseTrustedProxies(undefined);

describe("normaliseAddress", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1"],
    [" 10.0.0.1 ", "10.0.0.1"],
    ["10.0.0.1:5678", "10.0.0.1"],
    ["::1", "::1"],
    ["[2001:DB8::1]:443", "2001:db8::1"],
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["0:0:0:0:0:ffff:192.0.2.4", "192.0.2.4"],
    ["::ffff:7f00:1", "127.0.0.1"],
    ["2001:db8::ffff:1:2", "2001:db8::ffff:1:2"],
  ])("%s is %s", (input, expected) => expect(normaliseAddress(input)).toBe(expected));

  it.each(["", "unknown", "example.com", "999.1.1.1", "10.0.0", "::g"])("%j is not an address", (input) => expect(normaliseAddress(input)).toBeNull());
});

describe("parseTrustedProxies", () => {
  it("trusts nobody by default", () => {
    expect(none.has("127.0.0.1")).toBe(false);
    expect(parseTrustedProxies(" , ").has("::1")).toBe(false);
  });

  it("matches addresses and CIDR ranges of both families, mapped IPv4 included", () => {
    const t = parseTrustedProxies("10.0.0.0/8, 192.0.2.7, fd00::/8, ::1");
    expect(t.has("10.200.3.4")).toBe(true);
    expect(t.has("::ffff:10.1.1.1")).toBe(true);
    expect(t.has("11.0.0.1")).toBe(false);
    expect(t.has("192.0.2.7")).toBe(true);
    expect(t.has("192.0.2.8")).toBe(false);
    expect(t.has("fd12:3456::1")).toBe(true);
    expect(t.has("fe80::1")).toBe(false);
    expect(t.has("::1")).toBe(true);
    expect(t.has("not an address")).toBe(false);
  });

  it("names every bad entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/33, proxy.internal, 10.0.0.1, fd00::/129, 1.2.3.4/x")).toThrow(
      /"10\.0\.0\.0\/33" has a prefix length outside 0–32; "proxy\.internal" is not an IP address.*"fd00::\/129" has a prefix length outside 0–128; "1\.2\.3\.4\/x"/,
    );
  });
});

describe("clientAddress", () => {
  const proxies = parseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::/48");

  it("is the socket's peer when it is not a trusted proxy, whatever it claims", () => {
    expect(clientAddress("203.0.113.5", "198.51.100.1", none)).toBe("203.0.113.5");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.1, 10.0.0.1", none)).toBe("127.0.0.1");
    expect(clientAddress("203.0.113.5", "198.51.100.1", proxies)).toBe("203.0.113.5");
  });

  it("walks the chain from the right past trusted proxies", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.1", proxies)).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.1, 10.9.9.9", proxies)).toBe("198.51.100.1");
    expect(clientAddress("10.0.0.2", ["6.6.6.6, 198.51.100.1", "10.9.9.9"], proxies)).toBe("198.51.100.1");
    expect(clientAddress("::ffff:10.0.0.2", "2001:db8::7, 2001:db8:ffff::1", proxies)).toBe("2001:db8::7");
    expect(clientAddress("10.0.0.2", "[2001:db8::7]:51000", proxies)).toBe("2001:db8::7");
  });

  it("stops at the trusted proxy that passed on something that is not an address", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.1, unknown, 10.0.0.3", proxies)).toBe("10.0.0.3");
    expect(clientAddress("10.0.0.2", "garbage", proxies)).toBe("10.0.0.2");
  });

  it("is the proxy itself when it forwards nothing, the leftmost hop when every hop is trusted", () => {
    expect(clientAddress("10.0.0.2", undefined, proxies)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "10.1.1.1, 10.2.2.2", proxies)).toBe("10.1.1.1");
  });
});

describe("rewriteForwardedHeaders", () => {
  it("replaces a forged chain with the socket's address and drops what only a proxy may say", () => {
    const headers = {
      host: "portal.contoso.com",
      "x-forwarded-for": "1.2.3.4",
      "x-real-ip": "1.2.3.4",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
      "x-forwarded-port": "443",
      forwarded: "for=1.2.3.4",
    };
    expect(rewriteForwardedHeaders(headers, "::ffff:203.0.113.5", none)).toBe("203.0.113.5");
    expect(headers).toEqual({ host: "portal.contoso.com", "x-forwarded-for": "203.0.113.5" });
  });

  it("keeps a trusted proxy's host and scheme, and reduces its chain to the client", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.1", "x-real-ip": "6.6.6.6", "x-forwarded-host": "portal.contoso.com", "x-forwarded-proto": "https" };
    expect(rewriteForwardedHeaders(headers, "10.0.0.2", parseTrustedProxies("10.0.0.2"))).toBe("198.51.100.1");
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.1", "x-forwarded-host": "portal.contoso.com", "x-forwarded-proto": "https" });
  });
});

describe("EXODESK_TRUSTED_PROXIES at start-up", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("trusts none when unset and stops start-up on a bad value, naming the variable", async () => {
    const { getSetting } = await import("@/lib/env/settings");
    vi.stubEnv("EXODESK_TRUSTED_PROXIES", undefined);
    expect(getSetting("EXODESK_TRUSTED_PROXIES").entries).toEqual([]);
    vi.stubEnv("EXODESK_TRUSTED_PROXIES", "10.0.0.0/8,::1");
    expect(getSetting("EXODESK_TRUSTED_PROXIES").has("10.3.2.1")).toBe(true);
    vi.stubEnv("EXODESK_TRUSTED_PROXIES", "10.0.0.0/8, 10.0.0.256");
    expect(() => getSetting("EXODESK_TRUSTED_PROXIES")).toThrow(
      'ExoDesk is not configured: EXODESK_TRUSTED_PROXIES: "10.0.0.256" is not an IP address or a CIDR range (such as 10.0.0.0/8 or fd00::/8). See README, "Configuration".',
    );
  });
});
