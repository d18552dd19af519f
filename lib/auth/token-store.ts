import "server-only";
import { getDb } from "@/lib/db/client";
import { getEnv } from "@/lib/env/settings";
import { decryptCache, deriveKeyId, encryptCache } from "./token-crypto";

// One encrypted MSAL cache per user, keyed "oid.tid" from the ID token (tokens.ts toCacheKey;
// not MSAL's homeAccountId, which names a guest's home tenant).
function getKey(): Buffer {
  return Buffer.from(getEnv().TOKEN_CACHE_KEY, "base64");
}

// The current key, and during a rotation the previous one: a row is read with whichever
// wrote it, and every write uses the current key; a row read under the previous key is written
// again at once, so rows move over as people use ExoDesk.
function readableKeys(): Buffer[] {
  const previous = getEnv().TOKEN_CACHE_KEY_PREVIOUS;
  return previous ? [getKey(), Buffer.from(previous, "base64")] : [getKey()];
}

export async function loadTokenCache(rowKey: string): Promise<string | null> {
  const row = await getDb().tokenCache.findUnique({ where: { key: rowKey } });
  if (!row) return null;
  // A cache written under a key no longer configured is unreadable: the person signs in again.
  const keys = readableKeys();
  const key = keys.find((k) => deriveKeyId(k) === row.keyId);
  if (!key) return null;
  let serialized: string;
  try {
    serialized = decryptCache(key, rowKey, row.ciphertext);
  } catch {
    return null;
  }
  // Read under the previous key: moved over now, since the caller writes back only what MSAL
  // changed. An update, not an upsert: a row deleted meanwhile (a sign-out) stays deleted.
  if (key !== keys[0]) {
    await getDb().tokenCache.updateMany({ where: { key: rowKey, keyId: row.keyId }, data: sealed(rowKey, serialized) });
  }
  return serialized;
}

// The row's columns for this cache, encrypted under the current key.
function sealed(rowKey: string, serialized: string) {
  const key = getKey();
  return { keyId: deriveKeyId(key), ciphertext: new Uint8Array(encryptCache(key, rowKey, serialized)) };
}

export async function saveTokenCache(rowKey: string, serialized: string): Promise<void> {
  const data = sealed(rowKey, serialized);
  await getDb().tokenCache.upsert({ where: { key: rowKey }, create: { key: rowKey, ...data }, update: data });
}

export async function deleteTokenCache(rowKey: string): Promise<void> {
  await getDb().tokenCache.deleteMany({ where: { key: rowKey } });
}
