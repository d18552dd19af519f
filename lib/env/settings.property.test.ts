import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";

// Configuration comes from the environment: any mix of missing, blank or garbled values either
// parses to a usable configuration or fails with a message that names the problem and never
// repeats a secret.

const NAMES = [
  "NEXTAUTH_URL", "NEXTAUTH_SECRET", "ENTRA_AUTHORITY_HOST", "ENTRA_TENANT_ID", "ENTRA_CLIENT_ID",
  "ENTRA_CLIENT_SECRET", "EXCHANGE_BASE_URL", "EXCHANGE_RESOURCE", "TOKEN_CACHE_KEY",
] as const;
const SECRETS = ["NEXTAUTH_SECRET", "ENTRA_CLIENT_SECRET", "TOKEN_CACHE_KEY"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));

const value = fc.oneof(
  fc.constant(undefined),
  fc.webUrl(),
  fc.constantFrom("", " ", "http://localhost:3000", "not a url", "javascript:alert(1)", "https://login.microsoftonline.com"),
  fc.string({ minLength: 32, maxLength: 64 }),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64")),
  fc.uint8Array({ minLength: 0, maxLength: 40 }).map((b) => Buffer.from(b).toString("base64")),
  fc.string({ unit: "grapheme", maxLength: 40 }).filter((s) => !s.includes("\u0000")),
);

function setEnv(env: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const n of NAMES) {
    if (env[n] === undefined) delete process.env[n];
    else process.env[n] = env[n];
  }
}

afterEach(() => {
  setEnv(saved as Record<string, string>);
  vi.resetModules();
});

describe("getEnv", () => {
  it("returns a usable configuration or a plain error that repeats no secret", async () => {
    const random = fc.record(Object.fromEntries(NAMES.map((n) => [n, value])) as Record<(typeof NAMES)[number], typeof value>, { requiredKeys: [] });
    const valid = {
      NEXTAUTH_URL: "http://localhost:3000", NEXTAUTH_SECRET: "s".repeat(32), ENTRA_TENANT_ID: "tid", ENTRA_CLIENT_ID: "cid",
      ENTRA_CLIENT_SECRET: "client-secret-value", TOKEN_CACHE_KEY: Buffer.alloc(32, 7).toString("base64"),
    };
    const nearValid = fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 2 }).map((edits) => ({ ...valid, ...Object.fromEntries(edits) }));
    const env = fc.oneof(random, nearValid);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(env, async (given) => {
        setEnv(given);
        const { getEnv } = await import("./settings");
        let config: ReturnType<typeof getEnv>;
        try {
          config = getEnv();
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          const message = (e as Error).message;
          expect(message).toMatch(/^ExoDesk is not configured: .+\. See README/);
          for (const s of SECRETS) {
            const secret = given[s];
            if (secret && secret.trim().length >= 8) expect(message).not.toContain(secret);
          }
          return;
        }
        for (const u of [config.NEXTAUTH_URL, config.ENTRA_AUTHORITY_HOST, config.EXCHANGE_BASE_URL, config.EXCHANGE_RESOURCE]) {
          expect(() => new URL(u)).not.toThrow();
        }
        expect(config.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
        expect(Buffer.from(config.TOKEN_CACHE_KEY, "base64")).toHaveLength(32);
        for (const n of ["ENTRA_TENANT_ID", "ENTRA_CLIENT_ID", "ENTRA_CLIENT_SECRET"] as const) expect(config[n].length).toBeGreaterThan(0);
        accepted++;
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(10); // the accepting path is exercised too
  });
});
