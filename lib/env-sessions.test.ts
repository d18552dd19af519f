import { afterEach, describe, expect, it, vi } from "vitest";

// The session lifetimes are settings: defaults when unset, a plain error naming the variable
// when garbled (NaN minutes would end every session, or none).
const BASE = {
  NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: "s".repeat(32), ENTRA_TENANT_ID: "tid", ENTRA_CLIENT_ID: "cid",
  ENTRA_CLIENT_SECRET: "client-secret-value", TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString("base64"),
};

async function load(extra: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries({ ...BASE, EXODESK_SESSION_IDLE_MINUTES: undefined, EXODESK_SESSION_MAX_HOURS: undefined, ...extra })) vi.stubEnv(k, v);
  vi.resetModules();
  return (await import("./env")).getEnv;
}

afterEach(() => vi.unstubAllEnvs());

describe("session lifetimes", () => {
  it("default to 60 idle minutes and 8 hours", async () => {
    const env = (await load({}))();
    expect([env.EXODESK_SESSION_IDLE_MINUTES, env.EXODESK_SESSION_MAX_HOURS]).toEqual([60, 8]);
  });

  it("take whole numbers from the environment", async () => {
    const env = (await load({ EXODESK_SESSION_IDLE_MINUTES: "15", EXODESK_SESSION_MAX_HOURS: "12" }))();
    expect([env.EXODESK_SESSION_IDLE_MINUTES, env.EXODESK_SESSION_MAX_HOURS]).toEqual([15, 12]);
  });

  it.each([["EXODESK_SESSION_IDLE_MINUTES", "abc"], ["EXODESK_SESSION_IDLE_MINUTES", "0"], ["EXODESK_SESSION_MAX_HOURS", "1.5"], ["EXODESK_SESSION_MAX_HOURS", "-3"]])(
    "refuse %s=%s with the variable's name",
    async (name, value) => {
      const getEnv = await load({ [name]: value });
      expect(() => getEnv()).toThrow(new RegExp(`^ExoDesk is not configured: ${name}: `));
    },
  );
});
