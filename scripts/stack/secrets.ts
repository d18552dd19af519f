import { randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// The demo's own app registration and keys: generated on first run, kept beside the embedded
// database (never committed), so sessions and the encrypted token cache survive restarts.
// The emulator's mail server login and the webhook signing secret were added later: a data
// directory from before gets them on its next start.
export type TStackSecrets = { clientId: string; clientSecret: string; nextAuthSecret: string; tokenCacheKey: string; smtpPassword: string; webhookSecret: string };

export function loadOrCreateSecrets(dir: string): TStackSecrets {
  const file = path.join(dir, "demo-secrets.json");
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Partial<TStackSecrets>) : {};
  const secrets: TStackSecrets = {
    clientId: kept.clientId ?? randomUUID(),
    clientSecret: kept.clientSecret ?? randomBytes(24).toString("base64url"),
    nextAuthSecret: kept.nextAuthSecret ?? randomBytes(32).toString("base64url"),
    tokenCacheKey: kept.tokenCacheKey ?? randomBytes(32).toString("base64"),
    smtpPassword: kept.smtpPassword ?? randomBytes(24).toString("base64url"),
    webhookSecret: kept.webhookSecret ?? randomBytes(32).toString("base64url"),
  };
  if (Object.keys(kept).length !== Object.keys(secrets).length) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}
