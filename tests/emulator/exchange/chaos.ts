import { MALFORMED_VARIANTS, THROTTLE_VARIANTS, TRANSIENT_EXCEPTIONS, type FaultSpec } from "./faults";
import { mulberry32 } from "../../support/seeded-random";

// Chaos mode: every InvokeCommand call (after authentication, when no queued fault applies)
// draws its fate from a seeded PRNG. Shares are per call; the draws per call are fixed, so one
// seed gives the same sequence of fates for the same sequence of calls.
//
// Where a fault falls relative to the cmdlet is what matters for a client:
//   throttle       before  429, nothing ran (Exchange refuses before running anything)
//   server-error   before  500/503/504, nothing ran (share 1 - serverErrorAfterShare)
//                  after   the cmdlet ran (and may have changed the mailbox), then the
//                          frontend answered 500/503/504: a gateway timeout, a backend that
//                          committed and then failed to serialise (share serverErrorAfterShare)
//   malformed      after   the cmdlet ran; its answer arrives garbled (empty, NUL-padded, HTML,
//                          labelled gzip but not gzip, truncated JSON)

export type ChaosConfig = {
  throttle: number; // share of calls, 0..1
  serverError: number;
  malformed: number;
  serverErrorAfterShare: number; // share of server errors that come after the cmdlet ran
  seed: number;
  retryAfterSeconds: [min: number, max: number]; // uniform, one decimal, as Exchange sends it
  latencyMs: [min: number, max: number] | null; // extra delay on every call
  cmdlets: string[] | null; // lower-case names; null: every cmdlet
};

export type ChaosPhase = "before" | "after";
export type ChaosDecision = { latencyMs: number; fault: FaultSpec | null; phase: ChaosPhase | null };

export type ChaosCounters = {
  calls: number;
  throttle: number;
  serverErrorBefore: number;
  serverErrorAfter: number;
  malformed: number;
};

const ZERO: ChaosCounters = { calls: 0, throttle: 0, serverErrorBefore: 0, serverErrorAfter: 0, malformed: 0 };

const pick = <T>(list: readonly T[], r: number): T => list[Math.min(list.length - 1, Math.floor(r * list.length))]!;

export class ChaosMode {
  private config: ChaosConfig | null = null;
  private random: () => number = Math.random;
  private counters: ChaosCounters = { ...ZERO };

  enable(config: ChaosConfig): void {
    this.config = config;
    this.random = mulberry32(config.seed);
    this.counters = { ...ZERO };
  }

  disable(): void {
    this.config = null;
  }

  status(): { enabled: boolean; config: ChaosConfig | null; counters: ChaosCounters } {
    return { enabled: this.config !== null, config: this.config, counters: { ...this.counters } };
  }

  // The fate of one call; null when chaos is off or does not cover this cmdlet.
  decide(cmdlet: string | null): ChaosDecision | null {
    const c = this.config;
    if (!c) return null;
    if (c.cmdlets && !c.cmdlets.includes((cmdlet ?? "").toLowerCase())) return null;
    // Always six draws, whatever the outcome, so the sequence does not depend on earlier fates.
    const [kind, phase, variant, retry, latency, extra] = [this.random(), this.random(), this.random(), this.random(), this.random(), this.random()];
    this.counters.calls++;
    const latencyMs = c.latencyMs ? Math.round(c.latencyMs[0] + latency * (c.latencyMs[1] - c.latencyMs[0])) : 0;
    if (kind < c.throttle) {
      this.counters.throttle++;
      const [min, max] = c.retryAfterSeconds;
      const retryAfterSeconds = Math.round((min + retry * (max - min)) * 10) / 10;
      return { latencyMs, phase: "before", fault: { kind: "throttle", count: 1, retryAfterSeconds, variant: pick(THROTTLE_VARIANTS, variant) } };
    }
    if (kind < c.throttle + c.serverError) {
      const after = phase < c.serverErrorAfterShare;
      if (after) this.counters.serverErrorAfter++;
      else this.counters.serverErrorBefore++;
      const status = pick([500, 503, 504] as const, variant);
      return { latencyMs, phase: after ? "after" : "before", fault: { kind: "server-error", count: 1, status, variant: pick(TRANSIENT_EXCEPTIONS, extra) } };
    }
    if (kind < c.throttle + c.serverError + c.malformed) {
      this.counters.malformed++;
      return { latencyMs, phase: "after", fault: { kind: "malformed", count: 1, status: null, variant: pick(MALFORMED_VARIANTS, variant) } };
    }
    return { latencyMs, phase: null, fault: null };
  }
}

function share(value: unknown, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) throw new Error(`${field} must be a number from 0 to 1`);
  return value;
}

function range(value: unknown, field: string, fallback: [number, number] | null): [number, number] | null {
  if (value === undefined) return fallback;
  const pair = typeof value === "number" ? [value, value] : value;
  if (!Array.isArray(pair) || pair.length !== 2 || !pair.every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0) || pair[0] > pair[1]) {
    throw new Error(`${field} must be a number >= 0 or [min, max]`);
  }
  return [pair[0] as number, pair[1] as number];
}

// Throws with a message naming the bad field.
export function parseChaosConfig(body: unknown): ChaosConfig {
  if (typeof body !== "object" || body === null) throw new Error("body must be a JSON object");
  const input = body as Record<string, unknown>;
  const known = ["throttle", "serverError", "malformed", "serverErrorAfterShare", "seed", "retryAfterSeconds", "latencyMs", "cmdlets"];
  const unknown = Object.keys(input).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new Error(`unknown field(s) ${unknown.join(", ")}; use ${known.join(", ")}`);
  const throttle = share(input.throttle, "throttle", 0);
  const serverError = share(input.serverError, "serverError", 0);
  const malformed = share(input.malformed, "malformed", 0);
  if (throttle + serverError + malformed > 1) throw new Error("throttle + serverError + malformed must be at most 1");
  const seed = input.seed ?? 1;
  if (typeof seed !== "number" || !Number.isInteger(seed)) throw new Error("seed must be a whole number");
  let cmdlets: string[] | null = null;
  if (input.cmdlets !== undefined) {
    if (!Array.isArray(input.cmdlets) || !input.cmdlets.every((c) => typeof c === "string" && c)) throw new Error("cmdlets must be a list of cmdlet names");
    cmdlets = (input.cmdlets as string[]).map((c) => c.toLowerCase());
  }
  return {
    throttle,
    serverError,
    malformed,
    serverErrorAfterShare: share(input.serverErrorAfterShare, "serverErrorAfterShare", 0.5),
    seed,
    retryAfterSeconds: range(input.retryAfterSeconds, "retryAfterSeconds", [0, 1])!,
    latencyMs: range(input.latencyMs, "latencyMs", null),
    cmdlets,
  };
}
