import { checkNames, type TFamily, type TLabels, type TMetricType, type TSample } from "./exposition";

// Counters and histograms kept in this process's memory, as Prometheus expects: each instance
// is scraped on its own and the server adds them up. A metric never throws while recording:
// it measures Exchange calls, and must not be the reason one fails.

type TLabelValues<TName extends string> = Readonly<Record<TName, string>>;
type TSeries<TState> = { labels: TLabels; state: TState };

abstract class Metric<TName extends string, TState> {
  abstract readonly type: TMetricType;
  private readonly series = new Map<string, TSeries<TState>>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly labelNames: readonly TName[],
  ) {
    checkNames(name, labelNames);
  }

  protected seriesFor(labels: TLabelValues<TName>): TState {
    const values = this.labelNames.map((label) => labels[label]);
    const key = JSON.stringify(values);
    let found = this.series.get(key);
    if (!found) {
      found = { labels: Object.fromEntries(this.labelNames.map((label, i) => [label, values[i]!])), state: this.initial() };
      this.series.set(key, found);
    }
    return found.state;
  }

  // A metric without labels shows 0 before its first change, so a scrape always lists it.
  protected allSeries(): TSeries<TState>[] {
    if (this.labelNames.length === 0 && this.series.size === 0) this.seriesFor({} as TLabelValues<TName>);
    return [...this.series.values()];
  }

  protected abstract initial(): TState;
  abstract collect(): TFamily;
}

export class Counter<TName extends string> extends Metric<TName, { value: number }> {
  readonly type = "counter";

  // Counters only go up; a negative or non-finite amount is dropped rather than thrown.
  inc(labels: TLabelValues<TName>, amount = 1): void {
    if (!Number.isFinite(amount) || amount < 0) return;
    this.seriesFor(labels).value += amount;
  }

  protected initial() {
    return { value: 0 };
  }

  collect(): TFamily {
    return { name: this.name, help: this.help, type: this.type, samples: this.allSeries().map(({ labels, state }) => ({ labels, value: state.value })) };
  }
}

type THistogramState = { counts: number[]; sum: number; count: number };

export class Histogram<TName extends string> extends Metric<TName, THistogramState> {
  readonly type = "histogram";
  readonly buckets: readonly number[];

  constructor(name: string, help: string, labelNames: readonly TName[], buckets: readonly number[]) {
    super(name, help, labelNames);
    if (labelNames.some((label) => label === "le")) throw new Error(`${name}: "le" is the histogram's own label.`);
    const sorted = [...new Set(buckets)].filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) throw new Error(`${name} needs at least one finite bucket.`);
    this.buckets = sorted;
  }

  observe(labels: TLabelValues<TName>, value: number): void {
    if (Number.isNaN(value)) return;
    const state = this.seriesFor(labels);
    const index = this.buckets.findIndex((bound) => value <= bound);
    state.counts[index === -1 ? this.buckets.length : index]! += 1; // the last slot is +Inf only
    state.sum += value;
    state.count += 1;
  }

  protected initial(): THistogramState {
    return { counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
  }

  // Buckets are cumulative in the format: each `le` counts every observation at or below it.
  collect(): TFamily {
    const samples: TSample[] = [];
    for (const { labels, state } of this.allSeries()) {
      let cumulative = 0;
      this.buckets.forEach((bound, i) => {
        cumulative += state.counts[i]!;
        samples.push({ suffix: "_bucket", labels: { ...labels, le: String(bound) }, value: cumulative });
      });
      samples.push({ suffix: "_bucket", labels: { ...labels, le: "+Inf" }, value: state.count });
      samples.push({ suffix: "_sum", labels, value: state.sum });
      samples.push({ suffix: "_count", labels, value: state.count });
    }
    return { name: this.name, help: this.help, type: this.type, samples };
  }
}

type TAnyMetric = Counter<string> | Histogram<string>;

export class MetricsRegistry {
  private readonly metrics = new Map<string, TAnyMetric>();

  counter<TName extends string>(name: string, help: string, labelNames: readonly TName[]): Counter<TName> {
    return this.declare("counter", name, labelNames, () => new Counter(name, help, labelNames));
  }

  histogram<TName extends string>(name: string, help: string, labelNames: readonly TName[], buckets: readonly number[]): Histogram<TName> {
    return this.declare("histogram", name, labelNames, () => new Histogram(name, help, labelNames, buckets));
  }

  collect(): TFamily[] {
    return [...this.metrics.values()].map((metric) => metric.collect());
  }

  // Declaring a metric again (Next.js may evaluate a module once per route bundle) returns the
  // first one, so every bundle counts into the same series. The first may be an instance of
  // another bundle's copy of the class, so it is matched by its type and labels, not instanceof.
  private declare<TMetric extends TAnyMetric>(type: TMetricType, name: string, labelNames: readonly string[], create: () => TMetric): TMetric {
    const existing = this.metrics.get(name);
    if (existing === undefined) {
      const created = create();
      this.metrics.set(name, created);
      return created;
    }
    if (existing.type !== type || existing.labelNames.join() !== labelNames.join()) {
      throw new Error(`The metric ${name} is declared twice, differently.`);
    }
    return existing as TMetric;
  }
}

// One registry per process, on globalThis: Next.js evaluates this module once per route bundle,
// and separate registries would split the counts between them.
const store = globalThis as typeof globalThis & { __exodeskMetrics?: MetricsRegistry };

export function getMetricsRegistry(): MetricsRegistry {
  store.__exodeskMetrics ??= new MetricsRegistry();
  return store.__exodeskMetrics;
}
