import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptCache, deriveKeyId, encryptCache } from "./token-crypto";

describe("token cache encryption", () => {
  const key = randomBytes(32);
  const secret = JSON.stringify({ RefreshToken: { x: { secret: "refresh-token-value" } } });

  it("round-trips and never contains the plaintext", () => {
    const blob = encryptCache(key, "oid.tid", secret);
    expect(blob.toString("utf8")).not.toContain("refresh-token-value");
    expect(decryptCache(key, "oid.tid", blob)).toBe(secret);
  });

  it("refuses a blob moved to another user's row", () => {
    const blob = encryptCache(key, "alice.tid", secret);
    expect(() => decryptCache(key, "bob.tid", blob)).toThrow();
  });

  it("refuses a tampered blob and a wrong key", () => {
    const blob = encryptCache(key, "oid.tid", secret);
    blob[blob.length - 1] = (blob[blob.length - 1] ?? 0) ^ 1;
    expect(() => decryptCache(key, "oid.tid", blob)).toThrow();
    expect(() => decryptCache(randomBytes(32), "oid.tid", encryptCache(key, "oid.tid", secret))).toThrow();
  });

  it("uses a fresh IV each time", () => {
    expect(encryptCache(key, "k", secret).equals(encryptCache(key, "k", secret))).toBe(false);
    expect(deriveKeyId(key)).toHaveLength(16);
  });
});
