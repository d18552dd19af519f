import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEMO_USERS } from "./index";
import { Harness, useHarness } from "./test-support/harness";

const h = useHarness();
const THROTTLE_TEXT = "You have reached the maximum number of concurrent requests per tenant. Please wait and try again.";
const read = (token: string) => h.invoke(token, "Get-MailboxRegionalConfiguration", { Identity: "adele.vance" });

type CallRow = { upn: string; status: number; fault: string | null; ran: boolean };

describe("per-user throttling (POST /_emulator/throttling)", () => {
  test("is off by default: Rate-Limit-* describe the tenant's 30,000-per-minute budget", async () => {
    expect(await h.control("GET", "throttling")).toEqual({ enabled: false, config: null, users: [] });
    const res = await read(await h.accessToken(DEMO_USERS.helpdesk));
    expect(res.status).toBe(200);
    expect(res.header("rate-limit-limit")).toBe("30000");
  });

  test("the burst is admitted, then a 429 with Exchange's text and the exact wait in decimal seconds; refusals cost nothing", async () => {
    await h.control("POST", "throttling", { concurrency: 5, ratePerSecond: 0.5, burst: 3 });
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    for (let i = 0; i < 3; i++) {
      const ok = await read(token);
      expect(ok.status).toBe(200);
      expect(ok.header("rate-limit-limit")).toBe("3");
      expect(ok.header("rate-limit-remaining")).toBe(String(2 - i));
    }
    const refused = await read(token);
    expect(refused.status).toBe(429);
    expect(refused.text()).toBe(THROTTLE_TEXT);
    expect(refused.header("rate-limit-remaining")).toBe("0");
    const wait = Number(refused.header("retry-after"));
    expect(refused.header("retry-after")).toMatch(/^\d+(\.\d{1,3})?$/);
    expect(wait).toBeGreaterThan(1.5);
    expect(wait).toBeLessThanOrEqual(2);
    // Another refusal does not push the wait further out: refused calls take no tokens.
    expect(Number((await read(token)).header("retry-after"))).toBeLessThanOrEqual(wait);
    // Another user has a budget of their own.
    expect((await read(await h.accessToken(DEMO_USERS.admin))).status).toBe(200);
    // Once the wait has passed, the call is admitted.
    await h.control("POST", "clock", { advanceSeconds: wait });
    expect((await read(token)).status).toBe(200);

    const calls: CallRow[] = (await h.control("GET", "calls")).calls;
    const refusedCalls = calls.filter((c) => c.status === 429);
    expect(refusedCalls).toHaveLength(2);
    for (const c of refusedCalls) expect(c).toMatchObject({ upn: DEMO_USERS.helpdesk, fault: "throttling:rate", ran: false });
    const status = await h.control("GET", "throttling");
    expect(status).toMatchObject({ enabled: true, config: { concurrency: 5, ratePerSecond: 0.5, burst: 3 } });
    const helpdesk = status.users.find((u: { upn: string }) => u.upn === DEMO_USERS.helpdesk);
    expect(helpdesk).toMatchObject({ admitted: 4, refused: 2, inFlight: 0, minimumSeconds: 2 });
    expect(status.users.find((u: { upn: string }) => u.upn === DEMO_USERS.admin)).toMatchObject({ admitted: 1, refused: 0 });
  });

  test("a refused write does not run: nothing changes", async () => {
    await h.control("POST", "throttling", { concurrency: 5, ratePerSecond: 0.1, burst: 1 });
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    expect((await read(token)).status).toBe(200);
    const set = await h.invoke(token, "Set-MailboxAutoReplyConfiguration", { Identity: "adele.vance", AutoReplyState: "Enabled", InternalMessage: "Away" });
    expect(set.status).toBe(429);
    expect((await h.control("GET", "state/mailboxes/adele.vance")).autoReply.autoReplyState).toBe("Disabled");
    expect((await h.control("GET", "calls")).calls.at(-1)).toMatchObject({ cmdlet: "Set-MailboxAutoReplyConfiguration", ran: false, changed: false, fault: "throttling:rate" });
  });

  test("more calls in flight than the concurrency limit are refused; the queued fault waits for an admitted call", async () => {
    await h.control("POST", "throttling", { concurrency: 2, ratePerSecond: 100, burst: 100 });
    await h.control("POST", "faults", { kind: "latency", count: 2, latencyMs: 1500 });
    const token = await h.accessToken(DEMO_USERS.helpdesk);
    const slow = [read(token), read(token)];
    // The third call arrives once both slow calls are admitted and still running (1.5 s each).
    await expect.poll(async () => (await h.control("GET", "throttling")).users[0]?.inFlight, { interval: 10 }).toBe(2);
    const third = await read(token);
    expect(third.status).toBe(429);
    expect(third.header("retry-after")).toBe("0.01");
    expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
    expect((await read(token)).status).toBe(200);
    const calls: CallRow[] = (await h.control("GET", "calls")).calls;
    expect(calls.map((c) => c.fault)).toEqual(["throttling:concurrency", "latency:1500ms", "latency:1500ms", null]);
    expect((await h.control("GET", "throttling")).users[0]).toMatchObject({ admitted: 3, refused: 1, inFlight: 0 });
  });

  test("is validated; DELETE and reset turn it off", async () => {
    const post = (body: unknown) => h.request("/_emulator/throttling", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    for (const bad of [{}, { concurrency: 0, ratePerSecond: 1, burst: 1 }, { concurrency: 1, ratePerSecond: 0, burst: 1 }, { concurrency: 1, ratePerSecond: 1, burst: 1.5 }, { concurrency: 1, ratePerSecond: 1, burst: 1, extra: 1 }]) {
      expect((await post(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    await h.control("POST", "throttling", { concurrency: 1, ratePerSecond: 1, burst: 1 });
    expect(await h.control("DELETE", "throttling")).toMatchObject({ enabled: false });
    await h.control("POST", "throttling", { concurrency: 1, ratePerSecond: 1, burst: 1 });
    await h.control("POST", "reset");
    expect(await h.control("GET", "throttling")).toMatchObject({ enabled: false });
  });
});

describe("startEmulator({ throttling })", () => {
  let throttled: Harness;
  beforeAll(async () => {
    throttled = await Harness.start({ throttling: { concurrency: 4, ratePerSecond: 1, burst: 2 } });
  });
  afterAll(async () => {
    await throttled?.close();
  });

  test("is on from the start, and reset returns to it", async () => {
    await throttled.control("POST", "reset");
    const token = await throttled.accessToken(DEMO_USERS.helpdesk);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await throttled.invoke(token, "Get-Mailbox", { Identity: "adele.vance" })).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(await throttled.control("GET", "throttling")).toMatchObject({ enabled: true, config: { concurrency: 4, ratePerSecond: 1, burst: 2 } });
  });
});
