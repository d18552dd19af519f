// Each benchmark writes tests/bench/results/<name>.json with the machine and its load average:
// the machine is shared (2 cores), so a figure means little without the load it was taken under.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const loadAverage = () => os.loadavg().map((v) => Math.round(v * 100) / 100);

export function writeResult(name: string, result: Record<string, unknown>): string {
  const file = path.join(import.meta.dirname, "..", "results", `${name}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  const body = {
    benchmark: name,
    measuredAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    loadAverageAtEnd: loadAverage(),
    ...result,
  };
  writeFileSync(file, `${JSON.stringify(body, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
  return file;
}

// A number given on the command line as `--name <n>`, or the fallback. A value that is not a
// number stops the benchmark instead of running it with NaN.
export function numberFlag(name: string, fallback: number, args = process.argv.slice(2)): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isFinite(value)) throw new Error(`--${name} takes a number, not "${args[i + 1] ?? ""}"`);
  return value;
}
