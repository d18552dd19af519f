import pino, { type Logger } from "pino";
import { getLogLevel } from "../env/settings";

// Structured JSON logs, one line per event. Secrets never reach them: known secret-bearing
// fields are redacted by path, and every string is scrubbed of bearer tokens and JWTs in
// case one hides in an error message.

const JWT = /eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*/g;
const BEARER = /\b(Bearer)\s+[\w.~+/=-]{8,}/gi;
const SECRET_PARAM = /\b(client_secret|refresh_token|access_token|id_token|code|code_verifier)=([^&\s"]+)/gi;

export function scrubSecrets(text: string): string {
  return text.replace(JWT, "[redacted-jwt]").replace(BEARER, "$1 [redacted]").replace(SECRET_PARAM, "$1=[redacted]");
}

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubSecrets(value);
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: scrubSecrets(value.message) };
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

const SECRET_KEYS = ["accessToken", "refreshToken", "idToken", "token", "authorization", "cookie", "clientSecret", "secret", "password", "ciphertext"];

function createLogger(): Logger {
  return pino({
    level: getLogLevel(),
    base: { service: "exodesk" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), "headers.*"], censor: "[redacted]" },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrubValue(a)) as Parameters<typeof method>);
      },
    },
  });
}

const store = globalThis as unknown as { exodeskLog?: Logger };
export const log: Logger = (store.exodeskLog ??= createLogger());
