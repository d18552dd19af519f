// The Prometheus text exposition format, version 0.0.4: what every Prometheus-compatible
// scraper reads. Written by hand because it is this small, and ExoDesk adds no dependency
// for it. https://prometheus.io/docs/instrumenting/exposition_formats/

export const METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type TMetricType = "counter" | "gauge" | "histogram";
export type TLabels = Readonly<Record<string, string>>;
// One line: the family's name plus `suffix` (a histogram's _bucket, _sum, _count).
export type TSample = { suffix?: string; labels: TLabels; value: number };
export type TFamily = { name: string; help: string; type: TMetricType; samples: readonly TSample[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

// Names are fixed in code, so a bad one is a programming error, caught where it is declared.
export function checkNames(name: string, labelNames: readonly string[]): void {
  if (!METRIC_NAME.test(name)) throw new Error(`"${name}" is not a valid Prometheus metric name.`);
  for (const label of labelNames) {
    if (!LABEL_NAME.test(label) || label.startsWith("__")) throw new Error(`"${label}" is not a valid label name for ${name}.`);
  }
}

// Label values may hold anything (a cmdlet, an action id); these three characters must be escaped.
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function formatSample(name: string, sample: TSample): string {
  const pairs = Object.entries(sample.labels).map(([label, value]) => `${label}="${escapeLabelValue(value)}"`);
  const labels = pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
  return `${name}${sample.suffix ?? ""}${labels} ${formatValue(sample.value)}`;
}

export function renderFamilies(families: readonly TFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) lines.push(formatSample(family.name, sample));
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
