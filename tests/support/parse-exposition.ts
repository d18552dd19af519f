// For tests (unit and e2e): a strict reader of the text format, independent of the writer, so
// a test proves /api/metrics is something Prometheus accepts, not only that it round-trips.
// Throws naming the first line that breaks the format.

export type TParsedSample = { name: string; labels: Record<string, string>; value: number };
export type TParsedFamily = { name: string; type: string; help?: string };

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const HELP_LINE = new RegExp(`^# HELP (${NAME}) ((?:[^\\\\\\n]|\\\\[\\\\n])*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const VALUE = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]Inf|NaN";
const LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
const LABEL_VALUE = '(?:[^"\\\\\\n]|\\\\["\\\\n])*';
const PAIR = `${LABEL_NAME}="${LABEL_VALUE}"`;
const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{((?:${PAIR}(?:,${PAIR})*,?)?)\\})? (${VALUE})(?: -?\\d+)?$`);
const LABELS = new RegExp(`(${LABEL_NAME})="(${LABEL_VALUE})"`, "g");
const SUFFIXES: Record<string, readonly string[]> = { histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"] };

export function parseExposition(text: string): { families: TParsedFamily[]; samples: TParsedSample[] } {
  if (text !== "" && !text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const families: TParsedFamily[] = [];
  const samples: TParsedSample[] = [];
  const helps = new Map<string, string>();
  const seen = new Set<string>();
  for (const [i, line] of text.split("\n").slice(0, -1).entries()) {
    const fail = (why: string) => new Error(`line ${i + 1} (${JSON.stringify(line)}): ${why}`);
    const help = HELP_LINE.exec(line);
    const type = TYPE_LINE.exec(line);
    const sample = SAMPLE_LINE.exec(line);
    if (help) helps.set(help[1]!, unescapeText(help[2]!));
    else if (type) {
      if (families.some((f) => f.name === type[1])) throw fail("a second TYPE for one family");
      families.push({ name: type[1]!, type: type[2]!, help: helps.get(type[1]!) });
    } else if (sample) {
      const family = families.at(-1);
      const suffixes = SUFFIXES[family?.type ?? ""] ?? [""];
      if (!family || !suffixes.some((s) => sample[1] === family.name + s)) throw fail("a sample outside its family's TYPE");
      const labels = Object.fromEntries([...(sample[2] ?? "").matchAll(LABELS)].map((m) => [m[1]!, unescapeText(m[2]!)]));
      const key = `${sample[1]}${JSON.stringify(Object.entries(labels).sort())}`;
      if (seen.has(key)) throw fail("the same series twice");
      seen.add(key);
      samples.push({ name: sample[1]!, labels, value: readValue(sample[3]!) });
    } else if (line !== "" && !line.startsWith("#")) throw fail("neither a comment nor a sample");
  }
  for (const family of families.filter((f) => f.type === "histogram")) checkHistogram(family.name, samples);
  return { families, samples };
}

// Buckets never decrease, end in +Inf, and +Inf equals _count, for every label set.
function checkHistogram(name: string, samples: TParsedSample[]): void {
  const series = new Map<string, TParsedSample[]>();
  for (const s of samples.filter((s) => s.name === `${name}_bucket`)) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    const values = buckets.map((b) => b.value);
    if (values.some((v, i) => i > 0 && v < values[i - 1]!)) throw new Error(`${name}${key}: buckets are not cumulative`);
    if (buckets.at(-1)?.labels.le !== "+Inf") throw new Error(`${name}${key}: the last bucket is not le="+Inf"`);
    const count = samples.find((s) => s.name === `${name}_count` && JSON.stringify(Object.entries(s.labels).sort()) === key);
    if (count?.value !== values.at(-1)) throw new Error(`${name}${key}: _count differs from the +Inf bucket`);
  }
}

function readValue(text: string): number {
  return text === "NaN" ? NaN : /Inf$/.test(text) ? (text.startsWith("-") ? -Infinity : Infinity) : Number(text);
}

function unescapeText(text: string): string {
  return text.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
}
