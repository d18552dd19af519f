import { createHash, timingSafeEqual } from "node:crypto";

// The scraper's credential: `Authorization: Bearer <EXODESK_METRICS_TOKEN>`.

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

// The token in the Authorization header; "" for another scheme (refused like a wrong token);
// undefined without the header (then the session decides).
export function readBearerToken(authorization: string | null): string | undefined {
  if (authorization === null) return undefined;
  return BEARER.exec(authorization.trim())?.[1] ?? "";
}

// Compared as SHA-256 digests: equal lengths for timingSafeEqual, and the time taken says
// nothing about how much of the token was right. No configured token matches nothing.
export function isMetricsToken(presented: string, configured: string | undefined): boolean {
  if (configured === undefined || configured === "" || presented === "") return false;
  return timingSafeEqual(digest(presented), digest(configured));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}
