import { describe, expect, it } from "vitest";
import { isMetricsToken, readBearerToken } from "./metrics-access";

const TOKEN = "m".repeat(40);

describe("the metrics token", () => {
  it("is read from a bearer Authorization header; another scheme offers an empty (refused) token", () => {
    expect(readBearerToken(null)).toBeUndefined();
    expect(readBearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(readBearerToken(`bearer   ${TOKEN} `)).toBe(TOKEN);
    expect(readBearerToken(`Basic ${TOKEN}`)).toBe("");
    expect(readBearerToken("Bearer")).toBe("");
  });

  it("matches only the configured token, whatever the lengths; nothing matches when none is configured", () => {
    expect(isMetricsToken(TOKEN, TOKEN)).toBe(true);
    expect(isMetricsToken(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(isMetricsToken(TOKEN.slice(1), TOKEN)).toBe(false);
    expect(isMetricsToken("", TOKEN)).toBe(false);
    expect(isMetricsToken(TOKEN, undefined)).toBe(false);
    expect(isMetricsToken("", "")).toBe(false);
  });
});
