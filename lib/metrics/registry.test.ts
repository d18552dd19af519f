import { describe, expect, it } from "vitest";
import { escapeLabelValue, formatValue, renderFamilies } from "./exposition";
import { getMetricsRegistry, MetricsRegistry } from "./registry";
import { parseExposition } from "./parse-exposition";

describe("the exposition format", () => {
  it("escapes backslash, double quote and newline in label values, and backslash and newline in HELP", () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = renderFamilies([{ name: "x_total", help: "line one\nback\\slash", type: "counter", samples: [{ labels: { v: 'q"\n\\' }, value: 1 }] }]);
    expect(text).toBe('# HELP x_total line one\\nback\\\\slash\n# TYPE x_total counter\nx_total{v="q\\"\\n\\\\"} 1\n');
    expect(parseExposition(text).samples).toEqual([{ name: "x_total", labels: { v: 'q"\n\\' }, value: 1 }]);
  });

  it("writes special values as Prometheus reads them", () => {
    expect([NaN, Infinity, -Infinity, 0.25, 3].map(formatValue)).toEqual(["NaN", "+Inf", "-Inf", "0.25", "3"]);
  });

  it("refuses names Prometheus would not accept", () => {
    const registry = new MetricsRegistry();
    expect(() => registry.counter("bad-name", "x", [])).toThrow(/metric name/);
    expect(() => registry.counter("ok_total", "x", ["bad-label"])).toThrow(/label name/);
    expect(() => registry.counter("ok_total", "x", ["__reserved"])).toThrow(/label name/);
    expect(() => registry.histogram("h", "x", ["le"], [1])).toThrow(/"le"/);
  });
});

describe("counters", () => {
  it("count per label set, list an unlabelled counter at 0, and ignore amounts that would make them go down", () => {
    const registry = new MetricsRegistry();
    const calls = registry.counter("calls_total", "Calls.", ["kind"]);
    const waited = registry.counter("waited_seconds_total", "Waits.", []);
    expect(parseExposition(renderFamilies(registry.collect())).samples).toEqual([{ name: "waited_seconds_total", labels: {}, value: 0 }]);

    calls.inc({ kind: "a" });
    calls.inc({ kind: "a" }, 2);
    calls.inc({ kind: "b" });
    calls.inc({ kind: "b" }, -5);
    calls.inc({ kind: "b" }, NaN);
    waited.inc({}, 0.5);
    expect(parseExposition(renderFamilies(registry.collect())).samples).toEqual([
      { name: "calls_total", labels: { kind: "a" }, value: 3 },
      { name: "calls_total", labels: { kind: "b" }, value: 1 },
      { name: "waited_seconds_total", labels: {}, value: 0.5 },
    ]);
  });

  it("declared again with the same name (another route bundle), are the same series; declared differently, are refused", () => {
    const registry = new MetricsRegistry();
    registry.counter("shared_total", "Shared.", ["kind"]).inc({ kind: "x" });
    registry.counter("shared_total", "Shared.", ["kind"]).inc({ kind: "x" });
    expect(registry.collect()[0]!.samples).toEqual([{ labels: { kind: "x" }, value: 2 }]);
    expect(() => registry.counter("shared_total", "Shared.", ["other"])).toThrow(/declared twice/);
    expect(() => registry.histogram("shared_total", "Shared.", ["kind"], [1])).toThrow(/declared twice/);
  });

  it("live in one registry per process, kept on globalThis", () => {
    expect(getMetricsRegistry()).toBe(getMetricsRegistry());
    expect((globalThis as { __exodeskMetrics?: unknown }).__exodeskMetrics).toBe(getMetricsRegistry());
  });
});

describe("histograms", () => {
  it("write cumulative buckets ending in +Inf, then _sum and _count, per label set", () => {
    const registry = new MetricsRegistry();
    const latency = registry.histogram("latency_seconds", "Latency.", ["cmdlet"], [1, 0.1, 0.5]); // sorted on declaration
    for (const v of [0.05, 0.1, 0.3, 0.7, 2, 100]) latency.observe({ cmdlet: "Get-Mailbox" }, v);
    latency.observe({ cmdlet: "Get-Mailbox" }, NaN);
    latency.observe({ cmdlet: "Set-Mailbox" }, 0.2);

    const { families, samples } = parseExposition(renderFamilies(registry.collect()));
    expect(families).toEqual([{ name: "latency_seconds", type: "histogram", help: "Latency." }]);
    const of = (cmdlet: string) => samples.filter((s) => s.labels.cmdlet === cmdlet).map((s) => [s.name, s.labels.le, s.value]);
    expect(of("Get-Mailbox")).toEqual([
      ["latency_seconds_bucket", "0.1", 2], // 0.1 itself is in the 0.1 bucket: le is "less than or equal"
      ["latency_seconds_bucket", "0.5", 3],
      ["latency_seconds_bucket", "1", 4],
      ["latency_seconds_bucket", "+Inf", 6],
      ["latency_seconds_sum", undefined, 103.15],
      ["latency_seconds_count", undefined, 6],
    ]);
    expect(of("Set-Mailbox").map(([, , value]) => value)).toEqual([0, 1, 1, 1, 0.2, 1]);
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
});
