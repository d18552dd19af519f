import { describe, expect, test } from "vitest";
import { ChaosMode, parseChaosConfig } from "./exchange/chaos";
import type { CallRecord } from "./exchange/call-log";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const invoke = useSignedIn(h, DEMO_USERS.helpdesk);

const read = () => invoke("Get-Mailbox", { Identity: SEED_MAILBOXES.adeleVance });
const grant = (trustee: string) =>
  invoke("Add-MailboxPermission", { Identity: SEED_MAILBOXES.meganBowen, User: trustee, AccessRights: ["FullAccess"], AutoMapping: false });
const fullAccessOfMegan = async () =>
  ((await h.control("GET", "state/mailboxes/megan.bowen")).mailboxPermissions as { user: string }[]).map((e) => e.user);
const calls = async (): Promise<CallRecord[]> => (await h.control("GET", "calls")).calls;

describe("chaos mode: the fate of each call drawn from a seeded PRNG", () => {
  test("shares come out near the configured ones, and one seed repeats the same fates", () => {
    const config = parseChaosConfig({ throttle: 0.3, serverError: 0.1, malformed: 0.05, seed: 42 });
    const run = () => {
      const chaos = new ChaosMode();
      chaos.enable(config);
      return Array.from({ length: 20_000 }, () => chaos.decide("Get-Mailbox"));
    };
    const fates = run();
    const share = (pred: (d: (typeof fates)[number]) => boolean) => fates.filter(pred).length / fates.length;
    expect(share((d) => d?.fault?.kind === "throttle")).toBeCloseTo(0.3, 1);
    expect(share((d) => d?.fault?.kind === "server-error")).toBeCloseTo(0.1, 1);
    expect(share((d) => d?.fault?.kind === "malformed")).toBeCloseTo(0.05, 1);
    expect(share((d) => d?.fault === null)).toBeCloseTo(0.55, 1);
    // Half of the server errors (the default) come after the cmdlet ran.
    const errors = fates.filter((d) => d?.fault?.kind === "server-error");
    expect(errors.filter((d) => d?.phase === "after").length / errors.length).toBeCloseTo(0.5, 1);
    expect(fates.every((d) => d?.fault?.kind !== "malformed" || d.phase === "after")).toBe(true);
    expect(fates.every((d) => d?.fault?.kind !== "throttle" || d.phase === "before")).toBe(true);
    // Retry-After from 0 to 1 s, in tenths, as Exchange writes decimal seconds.
    const waits = new Set(fates.flatMap((d) => (d?.fault?.kind === "throttle" ? [d.fault.retryAfterSeconds] : [])));
    expect([...waits].every((s) => s >= 0 && s <= 1 && Math.round(s * 10) === s * 10)).toBe(true);
    expect(waits.size).toBe(11);
    expect(run()).toEqual(fates);
  });

  test("is off by default: no call gets a fault", async () => {
    expect(await h.control("GET", "chaos")).toMatchObject({ enabled: false, config: null });
    for (let i = 0; i < 20; i++) expect((await read()).status).toBe(200);
    expect((await calls()).every((c) => c.fault === null && c.ran && !c.changed)).toBe(true);
  });

  test("over HTTP: about the configured share of calls fail, and the counters add up", async () => {
    await h.control("POST", "chaos", { throttle: 0.3, serverError: 0.1, malformed: 0.05, seed: 7, retryAfterSeconds: [0, 1] });
    const statuses: number[] = [];
    for (let i = 0; i < 400; i++) statuses.push((await read()).status);
    const { counters } = await h.control("GET", "chaos");
    expect(counters.calls).toBe(400);
    expect(statuses.filter((s) => s === 429).length).toBe(counters.throttle);
    expect(counters.throttle / 400).toBeGreaterThan(0.22);
    expect(counters.throttle / 400).toBeLessThan(0.38);
    expect((counters.serverErrorBefore + counters.serverErrorAfter) / 400).toBeGreaterThan(0.05);
    expect((counters.serverErrorBefore + counters.serverErrorAfter) / 400).toBeLessThan(0.15);
    expect(statuses.filter((s) => s >= 500).length).toBe(counters.serverErrorBefore + counters.serverErrorAfter);
    const log = await calls();
    expect(log.filter((c) => c.fault?.startsWith("chaos:malformed")).length).toBe(counters.malformed);
    expect(log.filter((c) => c.fault?.startsWith("chaos:throttle")).every((c) => !c.ran && c.status === 429)).toBe(true);
  });

  test("a 429 or a 5xx before the cmdlet changes nothing; the call log says it did not run", async () => {
    await h.control("POST", "chaos", { throttle: 1, seed: 1 });
    expect((await grant(SEED_MAILBOXES.adeleVance)).status).toBe(429);
    await h.control("POST", "chaos", { serverError: 1, serverErrorAfterShare: 0, seed: 1 });
    expect((await grant(SEED_MAILBOXES.adeleVance)).status).toBeGreaterThanOrEqual(500);
    expect(await fullAccessOfMegan()).not.toContain(SEED_MAILBOXES.adeleVance);
    expect((await calls()).map((c) => [c.ran, c.changed])).toEqual([[false, false], [false, false]]);
  });

  test("a 5xx after the cmdlet ran hides a change that was made; the call log records it", async () => {
    await h.control("POST", "chaos", { serverError: 1, serverErrorAfterShare: 1, seed: 3 });
    const res = await grant(SEED_MAILBOXES.adeleVance);
    expect([500, 503, 504]).toContain(res.status);
    expect(await fullAccessOfMegan()).toContain(SEED_MAILBOXES.adeleVance);
    // The same write again changes nothing more (Exchange warns that the entry is present).
    await grant(SEED_MAILBOXES.adeleVance);
    const log = await calls();
    expect(log.map((c) => [c.ran, c.changed])).toEqual([[true, true], [true, false]]);
    expect(log[0]!.fault).toMatch(/^chaos:server-error:\d+.*:after-run$/);
    expect((await fullAccessOfMegan()).filter((u) => u === SEED_MAILBOXES.adeleVance)).toHaveLength(1);
  });

  test("a malformed body comes after the cmdlet ran", async () => {
    await h.control("POST", "chaos", { malformed: 1, seed: 5 });
    await grant(SEED_MAILBOXES.adeleVance);
    expect(await fullAccessOfMegan()).toContain(SEED_MAILBOXES.adeleVance);
    expect((await calls())[0]).toMatchObject({ ran: true, changed: true, fault: expect.stringMatching(/^chaos:malformed:/) });
  });

  test("queued faults go first; DELETE turns chaos off; reset clears it; bad configs are refused", async () => {
    await h.control("POST", "chaos", { throttle: 1, seed: 1 });
    await h.control("POST", "faults", { kind: "server-error", status: 503 });
    expect((await read()).status).toBe(503);
    expect((await read()).status).toBe(429);
    expect(await h.control("DELETE", "chaos")).toMatchObject({ enabled: false });
    expect((await read()).status).toBe(200);
    await h.control("POST", "chaos", { throttle: 1, seed: 1, cmdlets: ["Set-Mailbox"] });
    expect((await read()).status).toBe(200); // not a listed cmdlet
    await h.control("POST", "reset");
    expect(await h.control("GET", "chaos")).toMatchObject({ enabled: false });
    await invoke.signIn();
    expect((await read()).status).toBe(200);

    const post = (body: unknown) => h.request("/_emulator/chaos", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    expect((await post({ throttle: 0.7, serverError: 0.5 })).status).toBe(400);
    expect((await post({ throttle: -0.1 })).status).toBe(400);
    expect((await post({ retryAfterSeconds: [2, 1] })).status).toBe(400);
    expect((await post({ seed: 1.5 })).status).toBe(400);
    expect((await post({ thrtotle: 0.3 })).status).toBe(400);
  });
});

describe("POST /_emulator/seed-mailboxes", () => {
  test("adds generated user mailboxes once, usable as targets and trustees", async () => {
    const first = await h.control("POST", "seed-mailboxes", { count: 50 });
    expect(first.created).toBe(50);
    expect(new Set(first.mailboxes).size).toBe(50);
    expect((await h.control("POST", "seed-mailboxes", { count: 60 })).created).toBe(10);
    const [target, trustee] = first.mailboxes as string[];
    const res = await invoke("Add-RecipientPermission", { Identity: target, Trustee: trustee, AccessRights: ["SendAs"] });
    expect(res.status).toBe(200);
    const state = await h.control("GET", `state/mailboxes/${encodeURIComponent(target!)}`);
    expect(state.recipientPermissions.map((e: { trustee: string }) => e.trustee)).toContain(trustee);
    const bad = await h.request("/_emulator/seed-mailboxes", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ count: 0 }) });
    expect(bad.status).toBe(400);
  });
});
