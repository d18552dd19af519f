import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import packageJson from "@/package.json";
import { createTestDb, type TestDb } from "../../tests/integration/db/test-db";
import { parseExposition } from "../../tests/support/parse-exposition";
import { REQUEST_STATUSES, type TRequestStatus } from "@/lib/workflow/request-status";
import { renderMetrics } from "./render-metrics";

// The whole /api/metrics body against a real, migrated database, read back by a strict reader
// of the text format (not prom-client's), as a scraper would.
let testDb: TestDb;

beforeAll(async () => {
  testDb = await createTestDb();
});

afterAll(async () => {
  await testDb?.close();
});

async function addRequest(action: string, status: TRequestStatus) {
  await testDb.db.request.create({
    data: {
      id: randomUUID(), tenantId: "t1", requesterOid: "oid", requesterUpn: "helpdesk@contoso.onmicrosoft.com", requesterName: "Helpdesk",
      action, targetMailbox: "adele.vance@contoso.onmicrosoft.com", parameters: {}, status,
    },
  });
}

describe("a scrape", () => {
  it("lists every documented family with its type, before any Exchange call", async () => {
    const { families, samples } = parseExposition(await renderMetrics(testDb.db));
    expect(families.map((f) => `${f.name} ${f.type}`).sort()).toEqual([
      "exodesk_build_info gauge",
      "exodesk_exchange_call_duration_seconds histogram",
      "exodesk_exchange_errors_total counter",
      "exodesk_exchange_queue_wait_seconds_total counter",
      "exodesk_exchange_retries_total counter",
      "exodesk_exchange_throttle_wait_seconds_total counter",
      "exodesk_exchange_throttled_responses_total counter",
      "exodesk_notification_deliveries_failed gauge",
      "exodesk_notification_deliveries_total counter",
      "exodesk_requests gauge",
      "exodesk_requests_by_action gauge",
      "process_start_time_seconds gauge",
    ]);
    expect(families.find((f) => f.name === "exodesk_requests")!.help).toMatch(/every instance reports the same/);
    expect(samples.filter((s) => s.name === "exodesk_build_info")).toEqual([{ name: "exodesk_build_info", labels: { version: packageJson.version }, value: 1 }]);
    const started = samples.find((s) => s.name === "process_start_time_seconds")!.value;
    expect(Math.abs(started - (Date.now() / 1000 - process.uptime()))).toBeLessThanOrEqual(1);
  });

  it("counts requests by state, every state listed with 0 included, and the state and action pairs that occur", async () => {
    await addRequest("auto-reply.set", "SUCCEEDED");
    await addRequest("auto-reply.set", "SUCCEEDED");
    await addRequest("full-access.grant", "SUCCEEDED");
    await addRequest("full-access.grant", "PENDING_APPROVAL");
    await addRequest("send-as.grant", "FAILED");

    const { samples } = parseExposition(await renderMetrics(testDb.db));
    const byState = Object.fromEntries(samples.filter((s) => s.name === "exodesk_requests").map((s) => [s.labels.state, s.value]));
    expect(Object.keys(byState).sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(byState).toMatchObject({ SUCCEEDED: 3, PENDING_APPROVAL: 1, FAILED: 1, EXECUTING: 0, EXPIRED: 0 });

    const byAction = () => samples.filter((s) => s.name === "exodesk_requests_by_action").map((s) => [s.labels.state, s.labels.action, s.value]);
    expect(byAction()).toEqual([
      ["FAILED", "send-as.grant", 1],
      ["PENDING_APPROVAL", "full-access.grant", 1],
      ["SUCCEEDED", "auto-reply.set", 2],
      ["SUCCEEDED", "full-access.grant", 1],
    ]);

    // A pair that no longer occurs leaves the next scrape.
    await testDb.db.request.updateMany({ where: { action: "send-as.grant" }, data: { status: "SUCCEEDED" } });
    const next = parseExposition(await renderMetrics(testDb.db)).samples;
    expect(next.filter((s) => s.name === "exodesk_requests_by_action" && s.labels.state === "FAILED")).toEqual([]);
    expect(next.find((s) => s.name === "exodesk_requests" && s.labels.state === "FAILED")?.value).toBe(0);
  });
});

describe("the strict reader these tests use", () => {
  it("refuses what Prometheus would refuse", () => {
    const typed = "# TYPE x gauge\n";
    expect(() => parseExposition('x{a="b"} 1\n')).toThrow(/outside its family/);
    expect(() => parseExposition(`${typed}x{a="b""} 1\n`)).toThrow(/neither/);
    expect(() => parseExposition(`${typed}x{a="b\nc"} 1\n`)).toThrow(/neither/);
    expect(() => parseExposition(`${typed}x 1\nx 2\n`)).toThrow(/twice/);
    expect(() => parseExposition(`${typed}x one\n`)).toThrow(/neither/);
    expect(() => parseExposition(`${typed}x 1`)).toThrow(/newline/);
    const histogram = (buckets: string) => `# TYPE h histogram\n${buckets}h_sum 1\nh_count 2\n`;
    expect(() => parseExposition(histogram('h_bucket{le="1"} 2\nh_bucket{le="2"} 1\nh_bucket{le="+Inf"} 2\n'))).toThrow(/not cumulative/);
    expect(() => parseExposition(histogram('h_bucket{le="1"} 2\n'))).toThrow(/\+Inf/);
    expect(() => parseExposition(histogram('h_bucket{le="+Inf"} 3\n'))).toThrow(/_count/);
  });

  it("reads escaped label values and HELP text back", () => {
    const text = '# HELP x_total line one\\nback\\\\slash\n# TYPE x_total counter\nx_total{v="q\\"\\n\\\\"} 1\n';
    expect(parseExposition(text)).toEqual({ families: [{ name: "x_total", type: "counter", help: "line one\nback\\slash" }], samples: [{ name: "x_total", labels: { v: 'q"\n\\' }, value: 1 }] });
  });
});
