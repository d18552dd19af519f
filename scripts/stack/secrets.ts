import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The demo's own app registration and keys: generated on first run, kept beside the embedded
// database (never committed), so sessions and the encrypted token cache survive restarts.
export type TStackSecrets = { clientId: string; clientSecret: string; nextAuthSecret: string; tokenCacheKey: string };

export function loadOrCreateSecrets(dir: string): TStackSecrets {
  const file = path.join(dir, "demo-secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as TStackSecrets;
  mkdirSync(dir, { recursive: true });
  const secrets: TStackSecrets = {
    clientId: randomUUID(),
    clientSecret: randomBytes(24).toString("base64url"),
    nextAuthSecret: randomBytes(32).toString("base64url"),
    tokenCacheKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
