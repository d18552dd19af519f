import type { IncomingMessage, ServerResponse } from "node:http";
import { beforeEach, describe, expect, it } from "vitest";
import { invokeCommand } from "./client";
import { TenantLimiter } from "./concurrency";
import type { TRetryEvent } from "./retry";
import { localHttpServer } from "../../tests/support/local-http-server";

// Retries and the per-tenant cap against a real HTTP server and Node's own fetch, on the real
// clock: what the server sees, when, is what Exchange would see.
type Seen = { at: number; tenant: string; clientRequestId: string };
const seen: Seen[] = [];
const inFlight = new Map<string, number>();
const maxInFlight = new Map<string, number>();
let throttleNext = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const tenant = (req.url ?? "").split("/")[3] ?? "";
  seen.push({ at: performance.now(), tenant, clientRequestId: String(req.headers["client-request-id"]) });
  if (req.headers["x-cmdletname"] === "Get-Throttled" && throttleNext > 0) {
    throttleNext -= 1;
    res.writeHead(429, { "Retry-After": "0.2", "Content-Type": "text/plain" }).end("You have reached the maximum number of concurrent requests per tenant. Please wait and try again");
    return;
  }
  inFlight.set(tenant, (inFlight.get(tenant) ?? 0) + 1);
  maxInFlight.set(tenant, Math.max(maxInFlight.get(tenant) ?? 0, inFlight.get(tenant)!));
  setTimeout(() => {
    inFlight.set(tenant, inFlight.get(tenant)! - 1);
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"value":[{"Name":"ok"}]}');
  }, 25);
}

const server = localHttpServer(handle);

beforeEach(() => {
  seen.length = 0;
  inFlight.clear();
  maxInFlight.clear();
  throttleNext = 0;
});

function run(cmdlet: string, tenantId: string, limiter: TenantLimiter, onRetry?: (e: TRetryEvent) => void) {
  return invokeCommand({ baseUrl: server.baseUrl, tenantId, accessToken: "token-abc", anchorUpn: "helpdesk@contoso.onmicrosoft.com", cmdlet, parameters: {}, limiter, retry: { onRetry } });
}

describe("invokeCommand over real HTTP on the real clock: retries and the per-tenant cap", () => {
  it("waits out a 429's Retry-After once, then succeeds with the same client-request-id", async () => {
    throttleNext = 1;
    const events: TRetryEvent[] = [];
    const result = await run("Get-Throttled", "t1", new TenantLimiter(), (e) => events.push(e));
    expect(result.value).toEqual([{ Name: "ok" }]);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(195);
    expect(seen.map((s) => s.clientRequestId)).toEqual([result.clientRequestId, result.clientRequestId]);
    expect(events.map(({ attempt, waitMs, reason }) => ({ attempt, waitMs, reason }))).toEqual([{ attempt: 2, waitMs: 200, reason: "throttled" }]);
  });

  it("with a cap of 2, never has more than 2 of one tenant's 10 calls at the server; another tenant is not held up", async () => {
    const limiter = new TenantLimiter(2);
    const a = Array.from({ length: 10 }, () => run("Get-Mailbox", "tenant-a", limiter));
    const b = Array.from({ length: 3 }, () => run("Get-Mailbox", "tenant-b", limiter));
    await Promise.all([...a, ...b]);
    expect(maxInFlight.get("tenant-a")).toBe(2);
    expect(maxInFlight.get("tenant-b")).toBe(2);
    expect(seen.filter((s) => s.tenant === "tenant-a")).toHaveLength(10);
    // Tenant b's first two calls reach the server in the first round, not behind tenant a's ten.
    expect(seen.slice(0, 4).filter((s) => s.tenant === "tenant-b")).toHaveLength(2);
  });
});
