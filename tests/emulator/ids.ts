import { createHash, randomBytes, randomUUID } from "node:crypto";

export function newGuid(): string {
  return randomUUID();
}

// A GUID derived from a name, so the seeded tenant has the same ids on every run.
export function stableGuid(name: string): string {
  const h = createHash("sha256").update(name).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString("base64url");
}

export function sha256Base64url(input: string): string {
  return createHash("sha256").update(input).digest("base64url");
}
