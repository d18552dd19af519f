import type { DirectoryUser } from "../tenant/model";

// Exchange Online's per-user budget, as a model: at most `concurrency` calls of one user in
// flight, and a token bucket of `burst` calls refilled at `ratePerSecond`. A refused call is
// answered 429 before the cmdlet runs and costs no tokens. With it, N calls by one user take
// at least max(0, N - burst) / ratePerSecond seconds.

export type ThrottlingConfig = { concurrency: number; ratePerSecond: number; burst: number };

type Budget = { upn: string; oid: string; inFlight: number; tokens: number; at: number; admitted: number; refused: number };

export type Admission =
  | { ok: true; headers: Record<string, string>; release(): void }
  | { ok: false; headers: Record<string, string>; reason: "concurrency" | "rate"; retryAfterSeconds: number };

// Seconds rounded up to the millisecond, so a client that waits exactly that long is admitted.
const ceilMs = (seconds: number) => Math.max(0.001, Math.ceil(seconds * 1000 - 1e-6) / 1000);

export class Throttling {
  private config: ThrottlingConfig | null = null;
  private budgets = new Map<string, Budget>();

  enable(config: ThrottlingConfig | null): void {
    this.config = config ? { ...config } : null;
    this.budgets.clear();
  }

  // null when throttling is off.
  admit(user: DirectoryUser, now: number): Admission | null {
    const c = this.config;
    if (!c) return null;
    const b = this.refill(user, now);
    const wait = b.tokens >= 1 ? 0 : (1 - b.tokens) / c.ratePerSecond;
    if (b.inFlight >= c.concurrency || wait > 0) {
      b.refused++;
      // When a call in flight will end is unknown: a concurrency refusal asks for one token's time.
      const reason = b.inFlight >= c.concurrency ? "concurrency" : "rate";
      const retryAfterSeconds = ceilMs(reason === "concurrency" ? Math.max(wait, 1 / c.ratePerSecond) : wait);
      return { ok: false, reason, retryAfterSeconds, headers: this.headers(b, now) };
    }
    b.tokens -= 1;
    b.inFlight++;
    b.admitted++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      b.inFlight--;
    };
    return { ok: true, headers: this.headers(b, now), release };
  }

  disable(): void {
    this.enable(null);
  }

  status() {
    const c = this.config;
    return {
      enabled: c !== null,
      config: c,
      users: [...this.budgets.values()].map((b) => ({
        upn: b.upn,
        oid: b.oid,
        admitted: b.admitted,
        refused: b.refused,
        inFlight: b.inFlight,
        tokens: Math.round(b.tokens * 1000) / 1000,
        // The least time the model allows for this user's admitted calls.
        minimumSeconds: c ? Math.max(0, b.admitted - c.burst) / c.ratePerSecond : 0,
      })),
    };
  }

  private refill(user: DirectoryUser, now: number): Budget {
    const c = this.config!;
    let b = this.budgets.get(user.oid);
    if (!b) {
      b = { upn: user.userPrincipalName, oid: user.oid, inFlight: 0, tokens: c.burst, at: now, admitted: 0, refused: 0 };
      this.budgets.set(user.oid, b);
    }
    b.tokens = Math.min(c.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * c.ratePerSecond);
    b.at = now;
    return b;
  }

  // Rate-Limit-* describe this user's bucket while throttling is on (exchange/rate-limit.ts otherwise).
  private headers(b: Budget, now: number): Record<string, string> {
    const c = this.config!;
    const full = now + ((c.burst - b.tokens) / c.ratePerSecond) * 1000;
    return {
      "Rate-Limit-Limit": String(c.burst),
      "Rate-Limit-Remaining": String(Math.floor(b.tokens)),
      "Rate-Limit-Reset": new Date(Math.ceil(full)).toISOString(),
    };
  }
}

const FIELDS = ["concurrency", "ratePerSecond", "burst"] as const;
export const THROTTLING_USAGE = 'Send { "concurrency": whole number >= 1, "ratePerSecond": number > 0, "burst": whole number >= 1 }.';

// The control API's body, or the CLI's "concurrency=4,ratePerSecond=10,burst=20". Throws with
// a message naming what is wrong.
export function parseThrottlingConfig(input: Record<string, unknown> | string): ThrottlingConfig {
  const body: Record<string, unknown> =
    typeof input === "string" ? Object.fromEntries(input.split(",").map((part) => part.split("=").map((s) => s.trim())).map(([k, v]) => [k, v === undefined || v === "" ? v : Number(v)])) : input;
  const unknown = Object.keys(body).filter((k) => !(FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new Error(`Unknown field ${unknown.join(", ")}. ${THROTTLING_USAGE}`);
  const { concurrency, ratePerSecond, burst } = body;
  const whole = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 100_000;
  if (!whole(concurrency) || !whole(burst) || typeof ratePerSecond !== "number" || !(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) {
    throw new Error(THROTTLING_USAGE);
  }
  return { concurrency: concurrency as number, ratePerSecond, burst: burst as number };
}
