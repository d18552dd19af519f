import { describe, expect, it } from "vitest";
import { ExchangeError } from "../exchange/errors";
import { countRetry } from "@/lib/exchange/call-metrics";
import { declareCounter, getMetricsRegistry } from "./registry";

async function valuesOf(name: string) {
  return (await getMetricsRegistry().getSingleMetric(name)!.get()).values.map(({ labels, value }) => ({ labels, value }));
}

describe("the process's metrics registry", () => {
  it("is one per process, kept on globalThis", () => {
    expect(getMetricsRegistry()).toBe(getMetricsRegistry());
    expect((globalThis as { __exodeskMetrics?: unknown }).__exodeskMetrics).toBe(getMetricsRegistry());
  });

  it("gives a metric declared again (another route bundle) the same series, so counts are not split", async () => {
    declareCounter({ name: "shared_total", help: "Shared.", labelNames: ["kind"] }).inc({ kind: "x" });
    declareCounter({ name: "shared_total", help: "Shared.", labelNames: ["kind"] }).inc({ kind: "x" });
    expect(await valuesOf("shared_total")).toEqual([{ labels: { kind: "x" }, value: 2 }]);
  });

  it("drops a wait prom-client would refuse or keep as NaN, rather than failing the Exchange call or the counter", async () => {
    const error = new ExchangeError("throttled", "Busy.", {});
    const event = { cmdlet: "Get-Mailbox", attempt: 2, reason: "throttled", error, clientRequestId: "c1" } as const;
    expect(() => countRetry({ ...event, waitMs: Number.NaN })).not.toThrow();
    expect(() => countRetry({ ...event, waitMs: -1000 })).not.toThrow();
    expect(await valuesOf("exodesk_exchange_retries_total")).toEqual([{ labels: { cmdlet: "Get-Mailbox", reason: "throttled" }, value: 2 }]);
    expect(await valuesOf("exodesk_exchange_throttle_wait_seconds_total")).toEqual([{ labels: {}, value: 0 }]);
  });
});
