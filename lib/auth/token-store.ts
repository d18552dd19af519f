import "server-only";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { decryptCache, deriveKeyId, encryptCache } from "./token-crypto";

// One encrypted MSAL cache per user, keyed "oid.tid" (MSAL's home account id).
function getKey(): Buffer {
  return Buffer.from(getEnv().TOKEN_CACHE_KEY, "base64");
}

export async function loadTokenCache(rowKey: string): Promise<string | null> {
  const row = await getDb().tokenCache.findUnique({ where: { key: rowKey } });
  if (!row) return null;
  const key = getKey();
  // A cache written under another key (rotated away) is unreadable: the person signs in again.
  if (row.keyId !== deriveKeyId(key)) return null;
  try {
    return decryptCache(key, rowKey, row.ciphertext);
  } catch {
    return null;
  }
}

export async function saveTokenCache(rowKey: string, serialized: string): Promise<void> {
  const key = getKey();
  const data = { keyId: deriveKeyId(key), ciphertext: new Uint8Array(encryptCache(key, rowKey, serialized)) };
  await getDb().tokenCache.upsert({ where: { key: rowKey }, create: { key: rowKey, ...data }, update: data });
}

export async function deleteTokenCache(rowKey: string): Promise<void> {
  await getDb().tokenCache.deleteMany({ where: { key: rowKey } });
}
