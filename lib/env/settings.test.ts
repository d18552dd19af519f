import { afterEach, describe, expect, it, vi } from "vitest";
import { getEnv, getLogLevel, getSetting } from "./settings";

// Each setting with a default, as the README gives it: unset is the default; a value it does
// not accept is refused with the variable's name and what it accepts (NaN workers would run
// nothing, a NaN lease is an Invalid Date, a NaN interval a busy loop).

const BASE = {
  NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: "s".repeat(32), ENTRA_TENANT_ID: "tid", ENTRA_CLIENT_ID: "cid",
  ENTRA_CLIENT_SECRET: "client-secret-value", TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString("base64"),
};

const notConfigured = (problems: string) => `ExoDesk is not configured: ${problems}. See README, "Configuration".`;

const WHOLE_NUMBERS = [
  { name: "EXODESK_SESSION_IDLE_MINUTES", fallback: 60, min: 1, max: 1440, accepts: "expected a whole number of minutes from 1 to 1440 (default 60)" },
  { name: "EXODESK_SESSION_MAX_HOURS", fallback: 8, min: 1, max: 168, accepts: "expected a whole number of hours from 1 to 168 (default 8)" },
  { name: "EXODESK_SWEEP_SECONDS", fallback: 60, min: 1, max: 86400, accepts: "expected a whole number of seconds from 1 to 86400 (default 60)" },
  { name: "EXODESK_EXECUTION_LEASE_SECONDS", fallback: 600, min: 0, max: 86400, accepts: "expected a whole number of seconds from 0 to 86400 (default 600)" },
  { name: "EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT", fallback: 8, min: 1, max: 1000, accepts: "expected a whole number from 1 to 1000 (default 8)" },
  { name: "EXODESK_BULK_CONCURRENCY", fallback: 4, min: 1, max: 64, accepts: "expected a whole number from 1 to 64 (default 4)" },
  { name: "EXODESK_BULK_LEASE_SECONDS", fallback: 60, min: 1, max: 86400, accepts: "expected a whole number of seconds from 1 to 86400 (default 60)" },
  { name: "EXODESK_REPORT_CONCURRENCY", fallback: 8, min: 1, max: 64, accepts: "expected a whole number from 1 to 64 (default 8)" },
  { name: "EXODESK_REPORT_LEASE_SECONDS", fallback: 300, min: 5, max: 86400, accepts: "expected a whole number of seconds from 5 to 86400 (default 300)" },
] as const;

afterEach(() => vi.unstubAllEnvs());

describe.each(WHOLE_NUMBERS)("$name", ({ name, fallback, min, max, accepts }) => {
  it(`is ${fallback} when unset`, () => {
    vi.stubEnv(name, undefined);
    expect(getSetting(name)).toBe(fallback);
  });

  it(`takes whole numbers from ${min} to ${max}, spaces around them ignored`, () => {
    for (const [given, expected] of [[String(min), min], [String(max), max], [` ${min + 1} `, min + 1]] as const) {
      vi.stubEnv(name, given);
      expect(getSetting(name)).toBe(expected);
    }
  });

  it.each(["abc", "", "1.5", "1e3", String(min - 1), String(max + 1)])("refuses %j, naming the variable and what it accepts", (given) => {
    vi.stubEnv(name, given);
    expect(() => getSetting(name)).toThrow(notConfigured(`${name}: ${accepts}`));
  });
});

describe("LOG_LEVEL", () => {
  it("is silent under the tests and info otherwise when unset, else the level given", () => {
    vi.stubEnv("LOG_LEVEL", undefined);
    expect(getLogLevel()).toBe("silent");
    vi.stubEnv("NODE_ENV", "production");
    expect(getLogLevel()).toBe("info");
    vi.stubEnv("LOG_LEVEL", "debug");
    expect(getLogLevel()).toBe("debug");
  });

  it.each(["verbose", "INFO", ""])("refuses %j, naming the levels it accepts", (given) => {
    vi.stubEnv("LOG_LEVEL", given);
    expect(() => getLogLevel()).toThrow(notConfigured("LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent"));
  });
});

describe("the secrets", () => {
  it.each([
    ["NEXTAUTH_SECRET", "s".repeat(31), "expected at least 32 characters"],
    ["EXODESK_METRICS_TOKEN", "t".repeat(31), "expected at least 32 characters"],
    ["TOKEN_CACHE_KEY", Buffer.alloc(16).toString("base64"), "expected 32 bytes, base64-encoded"],
    ["TOKEN_CACHE_KEY_PREVIOUS", "not base64 at all", "expected 32 bytes, base64-encoded"],
  ] as const)("refuses a short %s without repeating it", (name, given, accepts) => {
    vi.stubEnv(name, given);
    expect(() => getSetting(name)).toThrow(notConfigured(`${name}: ${accepts}`));
  });
});

describe("getEnv, the start-up check", () => {
  function stubBase() {
    for (const [k, v] of Object.entries(BASE)) vi.stubEnv(k, v);
    for (const { name } of WHOLE_NUMBERS) vi.stubEnv(name, undefined);
  }

  it("gives every setting its default", () => {
    stubBase();
    const env = getEnv();
    expect(Object.fromEntries(WHOLE_NUMBERS.map(({ name }) => [name, env[name]]))).toEqual({
      EXODESK_SESSION_IDLE_MINUTES: 60, EXODESK_SESSION_MAX_HOURS: 8, EXODESK_SWEEP_SECONDS: 60, EXODESK_EXECUTION_LEASE_SECONDS: 600,
      EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT: 8, EXODESK_BULK_CONCURRENCY: 4, EXODESK_BULK_LEASE_SECONDS: 60,
      EXODESK_REPORT_CONCURRENCY: 8, EXODESK_REPORT_LEASE_SECONDS: 300,
    });
    expect(env.EXODESK_TRUSTED_PROXIES.entries).toEqual([]);
  });

  it("names every garbled setting at once", () => {
    stubBase();
    vi.stubEnv("EXODESK_BULK_CONCURRENCY", "abc");
    vi.stubEnv("EXODESK_SWEEP_SECONDS", "abc");
    vi.stubEnv("LOG_LEVEL", "loud");
    expect(() => getEnv()).toThrow(
      notConfigured(
        "LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent; " +
          "EXODESK_SWEEP_SECONDS: expected a whole number of seconds from 1 to 86400 (default 60); " +
          "EXODESK_BULK_CONCURRENCY: expected a whole number from 1 to 64 (default 4)",
      ),
    );
  });

  it("sees a value changed between calls (parsed once per value, not once per process)", () => {
    stubBase();
    vi.stubEnv("EXODESK_BULK_CONCURRENCY", "2");
    expect(getEnv().EXODESK_BULK_CONCURRENCY).toBe(2);
    vi.stubEnv("EXODESK_BULK_CONCURRENCY", "3");
    expect(getSetting("EXODESK_BULK_CONCURRENCY")).toBe(3);
  });
});
