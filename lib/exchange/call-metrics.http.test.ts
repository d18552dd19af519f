import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { invokeCommand } from "./client";
import { TenantLimiter } from "./concurrency";
import { ExchangeError } from "./errors";
import type { TRetryEvent } from "./retry";
import "./call-metrics";
import { getMetricsRegistry } from "@/lib/metrics/registry";
import { localHttpServer } from "../../tests/support/local-http-server";

// The real client against a real HTTP server: what each call records in the process's
// registry, read back from prom-client's registry (scrape.db.test.ts reads the text format).
let throttleNext = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  const json = { "Content-Type": "application/json" };
  switch (req.headers["x-cmdletname"]) {
    case "Get-Throttled":
      if (throttleNext > 0) {
        throttleNext -= 1;
        res.writeHead(429, { "Retry-After": "0.2", "Content-Type": "text/plain" }).end("Too many requests");
        return;
      }
      break;
    case "Get-Forbidden":
      res.writeHead(403, { "x-ms-diagnostics": '2000008;reason="Insufficient access rights to perform the operation."' }).end();
      return;
  }
  setTimeout(() => res.writeHead(200, json).end('{"value":[{"Name":"ok"}]}'), 40);
}

const server = localHttpServer(handle);

function call(cmdlet: string, limiter = new TenantLimiter(), onRetry?: (e: TRetryEvent) => void, anchorUpn = "helpdesk@contoso.onmicrosoft.com") {
  return invokeCommand({ baseUrl: server.baseUrl, tenantId: "t1", accessToken: "token-abc", anchorUpn, cmdlet, parameters: {}, limiter, retry: { onRetry } });
}

type TSample = { metricName?: string; labels: Record<string, string | number>; value: number };

// The value of one series (a histogram's _bucket, _sum or _count by its own name); 0 when it
// is not there yet.
async function read(name: string, labels: Record<string, string> = {}): Promise<number> {
  for (const family of await getMetricsRegistry().getMetricsAsJSON()) {
    for (const s of family.values as TSample[]) {
      if ((s.metricName ?? family.name) === name && Object.entries(labels).every(([k, v]) => String(s.labels[k]) === v)) return s.value;
    }
  }
  return 0;
}

describe("Exchange metrics recorded by invokeCommand, timing real requests on the real clock", () => {
  it("times each successful HTTP request in the latency histogram", async () => {
    const before = await read("exodesk_exchange_call_duration_seconds_count", { cmdlet: "Get-Mailbox", outcome: "ok" });
    const sumBefore = await read("exodesk_exchange_call_duration_seconds_sum", { cmdlet: "Get-Mailbox", outcome: "ok" });
    await call("Get-Mailbox");
    expect(await read("exodesk_exchange_call_duration_seconds_count", { cmdlet: "Get-Mailbox", outcome: "ok" })).toBe(before + 1);
    expect(await read("exodesk_exchange_call_duration_seconds_sum", { cmdlet: "Get-Mailbox", outcome: "ok" }) - sumBefore).toBeGreaterThanOrEqual(0.03);
    expect(await read("exodesk_exchange_call_duration_seconds_bucket", { cmdlet: "Get-Mailbox", outcome: "ok", le: "0.01" })).toBe(0);
    expect(await read("exodesk_exchange_call_duration_seconds_bucket", { cmdlet: "Get-Mailbox", outcome: "ok", le: "+Inf" })).toBe(before + 1);
  });

  it("counts a 429, its retry and the Retry-After wait, and still calls the caller's own hook", async () => {
    const labels = { cmdlet: "Get-Throttled" };
    const retries = await read("exodesk_exchange_retries_total", { ...labels, reason: "throttled" });
    const throttled = await read("exodesk_exchange_throttled_responses_total", labels);
    const waited = await read("exodesk_exchange_throttle_wait_seconds_total");
    const throttledAttempts = await read("exodesk_exchange_call_duration_seconds_count", { ...labels, outcome: "throttled" });
    throttleNext = 1;
    const events: TRetryEvent[] = [];
    await call("Get-Throttled", new TenantLimiter(), (e) => events.push(e));
    expect(events).toHaveLength(1);
    expect(await read("exodesk_exchange_retries_total", { ...labels, reason: "throttled" })).toBe(retries + 1);
    expect(await read("exodesk_exchange_throttled_responses_total", labels)).toBe(throttled + 1);
    expect(await read("exodesk_exchange_throttle_wait_seconds_total")).toBeCloseTo(waited + 0.2, 6);
    expect(await read("exodesk_exchange_call_duration_seconds_count", { ...labels, outcome: "throttled" })).toBe(throttledAttempts + 1);
    expect(await read("exodesk_exchange_call_duration_seconds_count", { ...labels, outcome: "ok" })).toBeGreaterThanOrEqual(1);
  });

  it("counts a failed call by its error kind, once, and times the attempt with that kind as outcome", async () => {
    const errors = await read("exodesk_exchange_errors_total", { kind: "rbac_denied" });
    const attempts = await read("exodesk_exchange_call_duration_seconds_count", { cmdlet: "Get-Forbidden", outcome: "rbac_denied" });
    await expect(call("Get-Forbidden")).rejects.toBeInstanceOf(ExchangeError);
    expect(await read("exodesk_exchange_errors_total", { kind: "rbac_denied" })).toBe(errors + 1);
    expect(await read("exodesk_exchange_call_duration_seconds_count", { cmdlet: "Get-Forbidden", outcome: "rbac_denied" })).toBe(attempts + 1);
  });

  it("counts a call refused before any request (a bad cmdlet name) as an error, with no attempt timed", async () => {
    const errors = await read("exodesk_exchange_errors_total", { kind: "invalid_input" });
    await expect(call("not a cmdlet")).rejects.toMatchObject({ kind: "invalid_input" });
    expect(await read("exodesk_exchange_errors_total", { kind: "invalid_input" })).toBe(errors + 1);
    expect(await read("exodesk_exchange_call_duration_seconds_count", { cmdlet: "not a cmdlet", outcome: "invalid_input" })).toBe(0);
  });

  it("adds the time calls waited for a slot under the per-tenant cap", async () => {
    const waited = await read("exodesk_exchange_queue_wait_seconds_total");
    const limiter = new TenantLimiter(1);
    // Another person than the one throttled above, whose calls go one at a time for a while
    // after a 429 (lib/exchange/throttle-gate.ts) and so would never queue for a slot.
    const other = (cmdlet: string) => call(cmdlet, limiter, undefined, "approver@contoso.onmicrosoft.com");
    await Promise.all([other("Get-Mailbox"), other("Get-Mailbox"), other("Get-Mailbox")]);
    // The second waited one answer (~40 ms), the third two.
    expect(await read("exodesk_exchange_queue_wait_seconds_total") - waited).toBeGreaterThanOrEqual(0.1);
  });
});
