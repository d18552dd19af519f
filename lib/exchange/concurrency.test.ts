import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { invokeCommand } from "./client";
import { TenantLimiter } from "./concurrency";
import { ExchangeError } from "./errors";

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("TenantLimiter", () => {
  it("lets `limit` through at once per tenant and queues the rest first come, first served", async () => {
    const limiter = new TenantLimiter(2);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire("t1"), limiter.acquire("t1")]);
    const queued = [3, 4, 5].map((n) => limiter.acquire("t1").then((release) => (order.push(n), release)));
    await tick();
    expect(limiter.inFlight("t1")).toBe(2);
    expect(limiter.waiting("t1")).toBe(3);
    releases[0]!();
    releases[0]!(); // a second call is ignored, not a second slot
    await tick();
    expect(order).toEqual([3]);
    releases[1]!();
    await tick();
    expect(order).toEqual([3, 4]);
    (await queued[0]!)();
    await tick();
    expect(order).toEqual([3, 4, 5]);
    expect(limiter.inFlight("t1")).toBe(2);
  });

  it("does not let another tenant wait for a busy one; tenant ids are case-insensitive", async () => {
    const limiter = new TenantLimiter(1);
    await limiter.acquire("AAAA-tenant");
    let second = false;
    void limiter.acquire("aaaa-tenant").then(() => (second = true));
    const other = await limiter.acquire("bbbb-tenant");
    await tick();
    expect(second).toBe(false);
    expect(limiter.inFlight("bbbb-tenant")).toBe(1);
    other();
    expect(limiter.inFlight("bbbb-tenant")).toBe(0);
  });

  it("an aborted waiter leaves the queue and never takes a slot", async () => {
    const limiter = new TenantLimiter(1);
    const first = await limiter.acquire("t1");
    const controller = new AbortController();
    const abandoned = limiter.acquire("t1", controller.signal);
    const next = limiter.acquire("t1");
    controller.abort(new Error("user left"));
    await expect(abandoned).rejects.toThrow("user left");
    expect(limiter.waiting("t1")).toBe(1);
    first();
    const release = await next;
    expect(limiter.inFlight("t1")).toBe(1);
    release();
    expect(limiter.inFlight("t1")).toBe(0);
    await expect(limiter.acquire("t1", AbortSignal.abort())).rejects.toBeDefined();
  });

  it("refuses a limit below 1", () => {
    expect(() => new TenantLimiter(0)).toThrow(RangeError);
  });
});

describe("invokeCommand under the per-tenant cap", () => {
  // A fetch that holds every request until the test lets it go, and counts what is in flight.
  function heldFetch() {
    const inFlight = new Map<string, number>();
    const maxInFlight = new Map<string, number>();
    const waiting: (() => void)[] = [];
    let sent = 0;
    const fetchImpl: typeof fetch = async (input) => {
      const tenant = new URL(String(input)).pathname.split("/")[3] ?? "";
      sent += 1;
      inFlight.set(tenant, (inFlight.get(tenant) ?? 0) + 1);
      maxInFlight.set(tenant, Math.max(maxInFlight.get(tenant) ?? 0, inFlight.get(tenant)!));
      await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight.set(tenant, inFlight.get(tenant)! - 1);
      return new Response('{"value":[]}', { status: 200, headers: { "content-type": "application/json" } });
    };
    const releaseAll = async () => {
      while (waiting.length > 0) {
        waiting.splice(0).forEach((resolve) => resolve());
        await tick();
      }
    };
    return { fetchImpl, inFlight, maxInFlight, waiting, releaseAll, sentCount: () => sent };
  }

  const callFor = (tenantId: string, fetchImpl: typeof fetch, limiter: TenantLimiter, extra: { signal?: AbortSignal; clock?: VirtualClock } = {}) =>
    invokeCommand({ baseUrl: "https://outlook.office365.com", tenantId, accessToken: "t", anchorUpn: "a@contoso.onmicrosoft.com", cmdlet: "Get-Mailbox", parameters: {}, fetchImpl, limiter, signal: extra.signal, clock: extra.clock });

  it("keeps at most 2 of 10 calls in flight for one tenant, while another tenant's calls go straight through", async () => {
    const limiter = new TenantLimiter(2);
    const held = heldFetch();
    const calls = Array.from({ length: 10 }, () => callFor("tenant-a", held.fetchImpl, limiter));
    await tick();
    expect(held.inFlight.get("tenant-a")).toBe(2);
    const others = Array.from({ length: 2 }, () => callFor("tenant-b", held.fetchImpl, limiter));
    await tick();
    expect(held.inFlight.get("tenant-b")).toBe(2); // not behind tenant-a's queue
    await held.releaseAll();
    await Promise.all([...calls, ...others]);
    expect(held.maxInFlight.get("tenant-a")).toBe(2);
    expect(held.sentCount()).toBe(12);
    expect(limiter.inFlight("tenant-a")).toBe(0);
  });

  it("a call cancelled while waiting for a slot fails as cancelled and never reaches Exchange", async () => {
    const limiter = new TenantLimiter(1);
    const held = heldFetch();
    const first = callFor("tenant-a", held.fetchImpl, limiter);
    const controller = new AbortController();
    const second = callFor("tenant-a", held.fetchImpl, limiter, { signal: controller.signal }).catch((e: unknown) => e);
    await tick();
    controller.abort();
    const error = await second;
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).diagnostics).toBe("cancelled by caller");
    await held.releaseAll();
    await first;
    expect(held.sentCount()).toBe(1);
  });

  it("a call that cannot get a slot within its budget (30 s on its clock) fails as throttled, with nothing sent", async () => {
    const limiter = new TenantLimiter(1);
    const held = heldFetch();
    const clock = new VirtualClock();
    const first = callFor("tenant-a", held.fetchImpl, limiter);
    const second = callFor("tenant-a", held.fetchImpl, limiter, { clock }).catch((e: unknown) => e);
    await tick();
    clock.advance(29_999);
    await tick();
    expect(limiter.waiting("tenant-a")).toBe(1);
    clock.advance(1);
    const error = await second;
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).kind).toBe("throttled");
    expect((error as ExchangeError).message).toMatch(/Nothing was sent to Exchange/);
    expect(limiter.waiting("tenant-a")).toBe(0);
    await held.releaseAll();
    await first;
    expect(held.sentCount()).toBe(1);
  });
});
