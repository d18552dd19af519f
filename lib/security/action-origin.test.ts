import { describe, expect, it } from "vitest";
import { isActionOriginAllowed } from "./action-origin";

const action = (origin: string | null, host = "portal.contoso.com", forwardedHost: string | null = null) => ({
  method: "POST", nextAction: "7f00aa", origin, host, forwardedHost,
});

describe("server action origin", () => {
  it("accepts the portal's own origin", () => {
    expect(isActionOriginAllowed(action("https://portal.contoso.com"))).toBe(true);
    expect(isActionOriginAllowed(action("https://portal.contoso.com", "10.0.0.5:3000", "portal.contoso.com"))).toBe(true);
  });

  it.each([null, "null", "https://evil.example", "https://portal.contoso.com.evil.example", "https://portal.contoso.com:8443", "not a url"])(
    "refuses origin %j",
    (origin) => {
      expect(isActionOriginAllowed(action(origin))).toBe(false);
    },
  );

  it("leaves requests that are not server actions alone", () => {
    expect(isActionOriginAllowed({ method: "GET", nextAction: null, origin: null, host: "x", forwardedHost: null })).toBe(true);
    expect(isActionOriginAllowed({ method: "POST", nextAction: null, origin: "https://evil.example", host: "x", forwardedHost: null })).toBe(true);
  });
});
