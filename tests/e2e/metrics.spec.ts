import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse } from "@playwright/test";
import { parseExposition, type TParsedSample } from "../support/parse-exposition";
import { applyVerified, emulator, fillEnabledReply, mailbox, openAutoReply, signInAs } from "./support";
import { workerStack } from "./support/worker-stack";

// /api/metrics after a change made through the portal: a scraper with the token and a signed-in
// admin read requests by state and Exchange latency; anyone else is refused.

const token = () => process.env.E2E_METRICS_TOKEN!;

async function readMetrics(res: APIResponse): Promise<TParsedSample[]> {
  expect(res.status(), await res.text()).toBe(200);
  expect(res.headers()["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(await res.text()).samples; // throws on anything Prometheus would not read
}

const valueOf = (samples: TParsedSample[], name: string, labels: Record<string, string>) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value ?? 0;

function expectChangeCounted(samples: TParsedSample[]) {
  expect(valueOf(samples, "exodesk_requests", { state: "SUCCEEDED" })).toBeGreaterThanOrEqual(1);
  expect(valueOf(samples, "exodesk_requests_by_action", { state: "SUCCEEDED", action: "auto-reply.set" })).toBeGreaterThanOrEqual(1);
  const change = { cmdlet: "Set-MailboxAutoReplyConfiguration", outcome: "ok" };
  expect(valueOf(samples, "exodesk_exchange_call_duration_seconds_count", change)).toBeGreaterThan(0);
  expect(valueOf(samples, "exodesk_exchange_call_duration_seconds_bucket", { ...change, le: "+Inf" })).toBeGreaterThan(0);
  expect(valueOf(samples, "exodesk_exchange_call_duration_seconds_sum", change)).toBeGreaterThan(0);
  expect(samples.some((s) => s.name === "exodesk_exchange_throttle_wait_seconds_total")).toBe(true);
  expect(samples.some((s) => s.name === "exodesk_exchange_queue_wait_seconds_total")).toBe(true);
}

test("after a change, the token and an admin read requests by state and Exchange latency; helpdesk and nobody are refused", async ({ browser, request }) => {
  await emulator().post("/_emulator/reset");
  const helpdesk = await browser.newContext();
  const page = await helpdesk.newPage();
  await signInAs(page, "helpdesk");
  await openAutoReply(page, "adele", mailbox("adele.vance"));
  await fillEnabledReply(page, "Counted");
  await applyVerified(page);

  expect((await page.request.get("/api/metrics", { failOnStatusCode: false })).status()).toBe(403);
  await helpdesk.close();
  expect((await request.get("/api/metrics", { failOnStatusCode: false })).status()).toBe(401);

  // A scraper: the token alone, no session. A wrong one (or another scheme) is a 401.
  expectChangeCounted(await readMetrics(await request.get("/api/metrics", { headers: { authorization: `Bearer ${token()}` } })));
  for (const authorization of [`Bearer ${token()}x`, `Basic ${token()}`]) {
    expect((await request.get("/api/metrics", { headers: { authorization }, failOnStatusCode: false })).status()).toBe(401);
  }

  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, "admin", "/admin/policies");
  expectChangeCounted(await readMetrics(await adminPage.request.get("/api/metrics")));
  await admin.close();

  // One log line per scrape, with the request id, and never the token (tokens-at-rest checks every log).
  await expect
    .poll(() => {
      const log = readFileSync(path.join(workerStack().dir, "portal.log"), "utf8");
      const lines = log.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
      return lines.filter((l) => l.msg === "metrics scrape" && typeof l.requestId === "string").map((l) => `${String(l.via)} ${String(l.outcome)}`);
    })
    .toEqual(expect.arrayContaining(["token ok", "token refused", "session ok"]));
});
