import { Counter, Gauge, Histogram, Registry, type CounterConfiguration, type GaugeConfiguration, type HistogramConfiguration } from "prom-client";

// The process's Prometheus registry (prom-client). Counters and histograms live in this
// process's memory, as Prometheus expects: each instance is scraped on its own and the server
// adds them up. No default Node metrics: the README promises only ExoDesk's own families.

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE; // text/plain; version=0.0.4; charset=utf-8

// One registry per process, on globalThis: Next.js evaluates this module once per route bundle,
// and separate registries would split the counts between them.
const store = globalThis as typeof globalThis & { __exodeskMetrics?: Registry };

export function getMetricsRegistry(): Registry {
  store.__exodeskMetrics ??= new Registry();
  return store.__exodeskMetrics;
}

// Declaring a metric again (another route bundle's copy of the declaring module) returns the
// first one, so every bundle counts into the same series.
export function declareCounter<T extends string>(config: Omit<CounterConfiguration<T>, "registers">): Counter<T> {
  return declare(config.name, () => new Counter({ ...config, registers: [getMetricsRegistry()] }));
}

export function declareHistogram<T extends string>(config: Omit<HistogramConfiguration<T>, "registers">): Histogram<T> {
  return declare(config.name, () => new Histogram({ ...config, registers: [getMetricsRegistry()] }));
}

export function declareGauge<T extends string>(config: Omit<GaugeConfiguration<T>, "registers">): Gauge<T> {
  return declare(config.name, () => new Gauge({ ...config, registers: [getMetricsRegistry()] }));
}

function declare<TMetric>(name: string, create: () => TMetric): TMetric {
  return (getMetricsRegistry().getSingleMetric(name) as TMetric | undefined) ?? create();
}
