import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

// AES-256-GCM: 12-byte IV ‖ 16-byte tag ‖ ciphertext. The row key is bound as additional data,
// so one user's blob cannot be swapped into another user's row.
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function deriveKeyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

export function encryptCache(key: Buffer, rowKey: string, plaintext: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(rowKey, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function decryptCache(key: Buffer, rowKey: string, blob: Uint8Array): string {
  const data = Buffer.from(blob);
  if (data.length < IV_BYTES + TAG_BYTES) throw new Error("token cache blob is too short");
  const decipher = createDecipheriv("aes-256-gcm", key, data.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(rowKey, "utf8"));
  decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
}
