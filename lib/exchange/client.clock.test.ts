import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { invokeCommand, type ExchangeCall } from "./client";
import { TenantLimiter } from "./concurrency";

// One injected clock drives all of the client's waiting: Retry-After, the throttle gate that
// holds the person's other calls, and the backoff. On a virtual clock none of it takes real time.
const JSON_TYPE = "application/json;odata.metadata=minimal";
type Sent = { id: string; at: number };

function scripted(clock: VirtualClock, replies: Record<string, (() => Response)[]>) {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (_input, init) => {
    const id = (init?.headers as Record<string, string>)["client-request-id"]!;
    sent.push({ id, at: clock.now() });
    const next = replies[id]?.shift();
    if (!next) throw new Error(`no reply left for ${id}`);
    return next();
  };
  return { sent, fetchImpl };
}

const ok = () => new Response('{"value":[{"Name":"ok"}]}', { status: 200, headers: { "content-type": JSON_TYPE } });
const throttled = (seconds: string) => () => new Response("", { status: 429, headers: { "retry-after": seconds } });
const unavailable = () => new Response("<html>Service Unavailable</html>", { status: 503, headers: { "content-type": "text/html" } });

function callAs(anchorUpn: string, clock: VirtualClock, fetchImpl: typeof fetch, clientRequestId: string, signal?: AbortSignal): Promise<unknown> {
  const call: ExchangeCall = {
    baseUrl: "https://outlook.office365.com",
    tenantId: "8e1d9b62-1a3c-4a0e-9f3b-2f0d5c7a4b10",
    accessToken: "token",
    anchorUpn,
    cmdlet: "Get-Mailbox",
    parameters: {},
    clientRequestId,
    fetchImpl,
    signal,
    limiter: new TenantLimiter(8),
    clock,
    retry: { random: () => 0.5 },
  };
  return invokeCommand(call);
}

const A = "c0ffee00-0000-4000-8000-00000000000a";
const B = "c0ffee00-0000-4000-8000-00000000000b";

describe("the Exchange client on an injected clock", () => {
  it("waits out Retry-After, the person's gate and the backoff on that clock, in no real time", async () => {
    const clock = new VirtualClock();
    const start = clock.now();
    const upn = "gate-and-backoff@contoso.onmicrosoft.com";
    const { sent, fetchImpl } = scripted(clock, { [A]: [throttled("2")], [B]: [unavailable, ok] });
    const wall = performance.now();

    // A is throttled for 2 s and cancelled while it waits: the person's pause outlives it.
    const cancel = new AbortController();
    const first = callAs(upn, clock, fetchImpl, A, cancel.signal).catch((e: unknown) => e);
    while (clock.slept.length === 0) await new Promise((resolve) => setImmediate(resolve));
    cancel.abort();
    expect(await first).toMatchObject({ diagnostics: "cancelled by caller" });

    // B, the same person's next call, starts only when Exchange allows (the gate), then backs
    // off once after a 503 (random 0.5 of the first 500 ms ceiling).
    await callAs(upn, clock, fetchImpl, B);
    expect(sent.map((s) => `${s.id === A ? "A" : "B"}@${s.at - start}`)).toEqual(["A@0", "B@2000", "B@2250"]);
    expect(clock.slept).toEqual([2000, 2000, 250]);
    expect(performance.now() - wall).toBeLessThan(2_000); // 4.25 s of waiting on the real clock
  });

  it("keeps each clock's gates to itself: one clock's pause does not hold calls on another", async () => {
    const upn = "two-clocks@contoso.onmicrosoft.com";
    const paused = new VirtualClock();
    const first = scripted(paused, { [A]: [throttled("20"), ok] });
    await callAs(upn, paused, first.fetchImpl, A);
    expect(paused.slept).toEqual([20_000]);

    const other = new VirtualClock(0);
    const second = scripted(other, { [B]: [ok] });
    await callAs(upn, other, second.fetchImpl, B);
    expect(second.sent).toEqual([{ id: B, at: 0 }]);
    expect(other.slept).toEqual([]);
  });
});
