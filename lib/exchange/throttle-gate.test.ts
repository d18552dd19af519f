import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { ExchangeError } from "./errors";
import { ThrottleGate } from "./throttle-gate";

// On a virtual clock from 0, so the order of events and their times are exact; an attempt's
// time in flight is a sleep on it.

// An attempt that stays in flight for `ms` on the clock; `most` is how many ran side by side, and
// `sentAt` when each started.
function attempts(clock: VirtualClock, ms: number) {
  const seen = { most: 0, sentAt: [] as number[] };
  let inFlight = 0;
  const attempt = async () => {
    seen.sentAt.push(clock.now());
    seen.most = Math.max(seen.most, ++inFlight);
    await clock.sleep(ms);
    inFlight--;
  };
  return { seen, attempt };
}

describe("ThrottleGate", () => {
  it("lets calls run side by side while nobody is throttled", async () => {
    const clock = new VirtualClock(0);
    const gate = new ThrottleGate(clock);
    const { seen, attempt } = attempts(clock, 5);
    await Promise.all([gate.pass(attempt), gate.pass(attempt), gate.pass(attempt)]);
    expect(seen.most).toBe(3);
  });

  it("once throttled, sends one call at a time, each no earlier than Exchange allowed", async () => {
    const clock = new VirtualClock(0);
    const gate = new ThrottleGate(clock);
    gate.throttled(500);
    const { seen, attempt } = attempts(clock, 1);
    await Promise.all([gate.pass(attempt), gate.pass(attempt), gate.pass(attempt)]);
    expect(seen.most).toBe(1);
    expect(seen.sentAt[0]).toBe(500);
    expect(seen.sentAt.every((t) => t >= 500)).toBe(true);
  });

  it("once throttled, starts calls slower than Exchange's pace one Retry-After apart, without waiting for each other's answers", async () => {
    const clock = new VirtualClock(0);
    const gate = new ThrottleGate(clock);
    gate.throttled(50);
    const { seen, attempt } = attempts(clock, 300);
    await Promise.all([gate.pass(attempt), gate.pass(attempt), gate.pass(attempt), gate.pass(attempt)]);
    expect(seen.sentAt).toEqual([50, 100, 150, 200]);
  });

  it("gives calls refused together their own turns to retry, one Retry-After apart, instead of sending them together again", async () => {
    const { sendWithRetry } = await import("./retry");
    const clock = new VirtualClock(0);
    const gate = new ThrottleGate(clock);
    const sentAt: number[] = [];
    const refused = new Set<string>();
    const call = (id: string) =>
      sendWithRetry({
        cmdlet: "Get-Mailbox",
        parameters: {},
        clientRequestId: id,
        clock,
        options: { gate },
        send: async () => {
          sentAt.push(clock.now());
          await clock.sleep(300);
          if (refused.has(id)) return id;
          refused.add(id);
          throw new ExchangeError("throttled", "Too many requests", { retryAfterSeconds: 0.05 });
        },
      });
    await expect(Promise.all(["a", "b", "c"].map(call))).resolves.toEqual(["a", "b", "c"]);
    expect(sentAt).toEqual([0, 0, 0, 350, 400, 450]);
  });

  it("goes back to side by side after a quiet spell", async () => {
    const clock = new VirtualClock(0);
    const gate = new ThrottleGate(clock);
    gate.throttled(100);
    clock.advance(5_000);
    const { seen, attempt } = attempts(clock, 5);
    await Promise.all([gate.pass(attempt), gate.pass(attempt)]);
    expect(seen.most).toBe(2);
  });

  it("a failing attempt does not block the calls behind it", async () => {
    const gate = new ThrottleGate(new VirtualClock(0));
    gate.throttled(10);
    await expect(gate.pass(() => Promise.reject(new Error("429")))).rejects.toThrow("429");
    await expect(gate.pass(() => Promise.resolve("ok"))).resolves.toBe("ok");
  });
});

describe("a call behind a long pause", () => {
  it("fails at once as throttled, without sending, when the pause outlasts its budget", async () => {
    const { sendWithRetry } = await import("./retry");
    const clock = new VirtualClock();
    const gate = new ThrottleGate(clock);
    gate.throttled(120_000);
    let sent = 0;
    const call = sendWithRetry({
      cmdlet: "Get-MailboxAutoReplyConfiguration",
      parameters: { Identity: "a@b.c" },
      clientRequestId: "00000000-0000-4000-8000-000000000000",
      clock,
      options: { gate },
      send: async () => {
        sent++;
        return "ok";
      },
    });
    await expect(call).rejects.toMatchObject({ kind: "throttled", message: expect.stringMatching(/pause your calls for 120 seconds\. Nothing was sent/) });
    expect(sent).toBe(0);
  });
});
