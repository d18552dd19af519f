import "server-only";
import { headers } from "next/headers";
import type { Logger } from "pino";
import { log } from "./logger";

// The logger for the request being served: every line carries its request id and path.
export async function httpRequestLog(): Promise<Logger> {
  const h = await headers();
  return log.child({ requestId: h.get("x-request-id") ?? undefined, path: h.get("x-exodesk-path") ?? undefined });
}
