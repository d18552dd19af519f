// Exchange Online reports a per-tenant budget on every answer
// (Rate-Limit-Limit: 30000, Rate-Limit-Remaining, Rate-Limit-Reset as an ISO time).
// The emulator counts and reports; throttling itself is injected through faults.
const LIMIT = 30_000;
const WINDOW_MS = 60_000;

export class RateLimitWindow {
  private windowStart = 0;
  private count = 0;

  hit(now: number): Record<string, string> {
    if (now - this.windowStart >= WINDOW_MS) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    return {
      "Rate-Limit-Limit": String(LIMIT),
      "Rate-Limit-Remaining": String(Math.max(0, LIMIT - this.count)),
      "Rate-Limit-Reset": new Date(this.windowStart + WINDOW_MS).toISOString(),
    };
  }

  reset(): void {
    this.windowStart = 0;
    this.count = 0;
  }
}
