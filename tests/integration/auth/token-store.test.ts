import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { useMigratedEmbeddedDb } from "../support/embedded-db";

// The per-user MSAL cache on a real database: encrypted at rest, unreadable under another key,
// gone after sign-out.
const CACHE = JSON.stringify({ RefreshToken: { k: { secret: "1.Arefresh-token-in-clear" } }, AccessToken: { k: { secret: "eyJaccess" } } });

function setEnv(key: string) {
  vi.stubEnv("TOKEN_CACHE_KEY", key);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
  vi.stubEnv("NEXTAUTH_SECRET", "x".repeat(32));
  vi.stubEnv("ENTRA_TENANT_ID", "tid");
  vi.stubEnv("ENTRA_CLIENT_ID", "cid");
  vi.stubEnv("ENTRA_CLIENT_SECRET", "secret");
}

useMigratedEmbeddedDb();

describe("token cache rows", () => {
  it("are stored encrypted, read back, and deleted on sign-out", async () => {
    setEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    const store = await import("@/lib/auth/token-store");
    const { forgetTokens } = await import("@/lib/auth/tokens");
    await store.saveTokenCache("oid.tid", CACHE);
    const row = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "oid.tid" } });
    expect(Buffer.from(row.ciphertext).toString("latin1")).not.toContain("refresh-token-in-clear");
    expect(await store.loadTokenCache("oid.tid")).toBe(CACHE);
    await forgetTokens({ oid: "oid", tid: "tid" });
    expect(await getDb().tokenCache.count({ where: { key: "oid.tid" } })).toBe(0);
    expect(await store.loadTokenCache("oid.tid")).toBeNull();
  });

  it("written under a rotated-away key read as absent, so the person signs in again", async () => {
    setEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    await (await import("@/lib/auth/token-store")).saveTokenCache("old.tid", CACHE);
    setEnv(randomBytes(32).toString("base64"));
    vi.resetModules();
    expect(await (await import("@/lib/auth/token-store")).loadTokenCache("old.tid")).toBeNull();
  });

  it("during a rotation are read under the previous key and re-encrypted under the new one on the next write", async () => {
    const oldKey = randomBytes(32).toString("base64");
    const newKey = randomBytes(32).toString("base64");
    setEnv(oldKey);
    vi.resetModules();
    await (await import("@/lib/auth/token-store")).saveTokenCache("rot.tid", CACHE);
    const before = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "rot.tid" } });

    setEnv(newKey);
    vi.stubEnv("TOKEN_CACHE_KEY_PREVIOUS", oldKey);
    vi.resetModules();
    const store = await import("@/lib/auth/token-store");
    expect(await store.loadTokenCache("rot.tid")).toBe(CACHE);
    await store.saveTokenCache("rot.tid", CACHE);
    const after = await getDb().tokenCache.findUniqueOrThrow({ where: { key: "rot.tid" } });
    expect(after.keyId).not.toBe(before.keyId);

    // Once the previous key is removed, the moved row still reads.
    delete process.env.TOKEN_CACHE_KEY_PREVIOUS;
    vi.resetModules();
    expect(await (await import("@/lib/auth/token-store")).loadTokenCache("rot.tid")).toBe(CACHE);
  });
});
