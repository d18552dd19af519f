import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { realClock, type TClock } from "../time/clock";
import { invokeCommand, type ExchangeCall } from "./client";
import { TenantLimiter } from "./concurrency";
import { ExchangeError } from "./errors";
import type { TRetryEvent } from "./retry";

// invokeCommand on a virtual clock: every wait is recorded and moves the clock on.
const TENANT = "8e1d9b62-1a3c-4a0e-9f3b-2f0d5c7a4b10";
const JSON_TYPE = "application/json;odata.metadata=minimal";
const OK = () => reply(200, { value: [{ Name: "ok" }] });

type Reply = () => Response;
type Sent = { at: number; clientRequestId: string };

function reply(status: number, body: unknown = "", headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

function networkFailure(code: string): Reply {
  return () => {
    throw new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });
  };
}

function setup(replies: Reply[], randoms: number[] = []) {
  const clock = new VirtualClock();
  const sent: Sent[] = [];
  const events: TRetryEvent[] = [];
  const fetchImpl: typeof fetch = async (_input, init) => {
    sent.push({ at: clock.now(), clientRequestId: (init?.headers as Record<string, string>)["client-request-id"] ?? "" });
    const next = replies.shift();
    if (!next) throw new Error("the fake fetch ran out of replies");
    return next();
  };
  const run = (overrides: Partial<ExchangeCall> = {}, retry: ExchangeCall["retry"] = {}) =>
    invokeCommand({
      baseUrl: "https://outlook.office365.com",
      tenantId: TENANT,
      accessToken: "token",
      anchorUpn: "helpdesk@contoso.onmicrosoft.com",
      cmdlet: "Get-Mailbox",
      parameters: { Identity: "megan@contoso.onmicrosoft.com" },
      fetchImpl,
      limiter: new TenantLimiter(8),
      clock,
      ...overrides,
      retry: { random: () => randoms.shift() ?? 0.5, onRetry: (e) => events.push(e), ...retry },
    });
  return { run, waits: clock.slept, sent, events, startedAt: clock.now() };
}

async function failureOf(promise: Promise<unknown>): Promise<ExchangeError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExchangeError)) throw new Error(`expected an ExchangeError, got ${String(error)}`);
  return error;
}

const throttled = (retryAfter?: string, extra: Record<string, string> = {}): Reply => () =>
  reply(429, "", retryAfter === undefined ? extra : { "retry-after": retryAfter, ...extra });
const unavailable: Reply = () => reply(503, "<html>Service Unavailable</html>", { "content-type": "text/html" });

describe("retry: throttling", () => {
  it("waits exactly Retry-After (seconds) once, then succeeds with the same client-request-id", async () => {
    const t = setup([throttled("2.5"), OK]);
    const result = await t.run({ clientRequestId: "c0ffee00-0000-4000-8000-000000000010" });
    expect(result.value).toEqual([{ Name: "ok" }]);
    expect(t.waits).toEqual([2500]);
    expect(t.sent.map((s) => s.at - t.startedAt)).toEqual([0, 2500]);
    expect(t.sent.map((s) => s.clientRequestId)).toEqual(["c0ffee00-0000-4000-8000-000000000010", "c0ffee00-0000-4000-8000-000000000010"]);
    expect(t.events).toHaveLength(1);
    expect(t.events[0]).toMatchObject({ cmdlet: "Get-Mailbox", attempt: 2, waitMs: 2500, reason: "throttled" });
  });

  it("reads Retry-After as an HTTP date, measured from the response's Date", async () => {
    const t = setup([throttled("Wed, 21 Oct 2026 07:28:03 GMT", { date: "Wed, 21 Oct 2026 07:28:00 GMT" }), OK]);
    await t.run();
    expect(t.waits).toEqual([3000]);
  });

  it("retries the concurrent-requests answer even when it is not a 429", async () => {
    const t = setup([() => reply(503, "You have reached the maximum number of concurrent requests per tenant. Please wait and try again", { "content-type": "text/plain" }), OK]);
    await t.run();
    expect(t.sent).toHaveLength(2);
    expect(t.events[0]?.reason).toBe("throttled");
  });

  it("without Retry-After backs off exponentially with full jitter, capped at 8 s", async () => {
    const t = setup([...Array<Reply>(7).fill(throttled()), OK], [0.5, 0.9999, 0, 0.9999, 0.9999, 0.9999, 0.9999]);
    await t.run({}, { maxRetries: 7, budgetMs: 120_000 });
    expect(t.waits).toEqual([250, 999, 0, 3999, 7999, 7999, 7999]);
    const ceilings = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    t.waits.forEach((w, i) => expect(w).toBeLessThan(ceilings[i]!));
  });

  it("stops when the next wait would pass the budget: no attempt after it, a message saying how long it tried", async () => {
    const t = setup(Array<Reply>(10).fill(throttled("10")));
    const error = await failureOf(t.run({}, { budgetMs: 25_000 }));
    expect(t.sent.map((s) => s.at - t.startedAt)).toEqual([0, 10_000, 20_000]);
    expect(error.kind).toBe("throttled");
    expect(error.status).toBe(429);
    expect(error.retryAfterSeconds).toBe(10);
    expect(error.message).toBe("Exchange is busy (throttled). ExoDesk tried 3 times over 20 seconds. Try again in 10 seconds.");
    expect(error.cause).toBeInstanceOf(ExchangeError);
  });

  it("uses the 30 s default budget", async () => {
    const t = setup(Array<Reply>(10).fill(throttled("7")));
    await failureOf(t.run());
    expect(t.sent.map((s) => s.at - t.startedAt)).toEqual([0, 7000, 14_000, 21_000, 28_000]);
  });

  it("does not wait at all when Retry-After alone is longer than the budget", async () => {
    const t = setup([throttled("45"), OK]);
    const error = await failureOf(t.run());
    expect(t.sent).toHaveLength(1);
    expect(t.waits).toEqual([]);
    expect(error.message).toBe("Exchange is busy (throttled). Try again in 45 seconds.");
  });

  it("stops after maxRetries (5 by default)", async () => {
    const t = setup(Array<Reply>(10).fill(throttled("0.1")));
    const error = await failureOf(t.run());
    expect(t.sent).toHaveLength(6);
    expect(error.message).toMatch(/^Exchange is busy \(throttled\)\. ExoDesk tried 6 times over 1 second\./);
  });

  it("retries a throttled write of any kind: Exchange did not run it", async () => {
    const t = setup([throttled("1"), OK]);
    await t.run({ cmdlet: "New-Mailbox", parameters: { Name: "x" } });
    expect(t.sent).toHaveLength(2);
  });

  it("retries a throttled later page on its own, keeping the pages already read", async () => {
    const next = "https://outlook.office365.com/adminapi/beta/x/InvokeCommand?$skiptoken=2";
    const t = setup([() => reply(200, { "@odata.nextLink": next, value: [{ Name: "a" }] }), throttled("1"), () => reply(200, { value: [{ Name: "b" }] })]);
    expect((await t.run()).value).toEqual([{ Name: "a" }, { Name: "b" }]);
  });

  it("a failing onRetry hook does not fail the call", async () => {
    const t = setup([throttled("1"), OK]);
    await expect(t.run({}, { onRetry: () => { throw new Error("metrics down"); } })).resolves.toBeDefined();
  });
});

describe("retry: transient failures", () => {
  it("retries a 503 on a Get-* read", async () => {
    const t = setup([unavailable, unavailable, OK], [0.5, 0.5]);
    await t.run();
    expect(t.waits).toEqual([250, 500]);
    expect(t.events.map((e) => e.reason)).toEqual(["transient", "transient"]);
  });

  it("honours Retry-After on a 503", async () => {
    const t = setup([() => reply(503, "", { "retry-after": "4" }), OK]);
    await t.run();
    expect(t.waits).toEqual([4000]);
  });

  it.each([
    ["a 504", () => reply(504, "")],
    ["a transient exception", () => reply(500, { error: { code: "InternalServerError", details: [{ message: "|Microsoft.Exchange.Data.Directory.DCOverloadedException|The domain controller is overloaded." }] } })],
    ["a dropped connection", networkFailure("ECONNRESET")],
  ])("retries %s on an idempotent write (Set-MailboxAutoReplyConfiguration)", async (_label, first) => {
    const t = setup([first, OK]);
    await t.run({ cmdlet: "Set-MailboxAutoReplyConfiguration", parameters: { Identity: "x", AutoReplyState: "Disabled" } });
    expect(t.sent).toHaveLength(2);
  });

  it.each([
    ["New-Mailbox", { Name: "x" }],
    ["Add-MailboxFolderPermission", { Identity: "x:\\Calendar", User: "y", AccessRights: ["Editor"], SendNotificationToUser: true }],
    ["Set-MailboxFolderPermission", { Identity: "x:\\Calendar", User: "y", AccessRights: ["Editor"], sendnotificationtouser: true }],
  ])("does not retry a 503 on a write that is not safe to repeat (%s)", async (cmdlet, parameters) => {
    const t = setup([unavailable, OK]);
    const error = await failureOf(t.run({ cmdlet, parameters }));
    expect(error.kind).toBe("transient");
    expect(error.status).toBe(503);
    expect(t.sent).toHaveLength(1);
    expect(t.events).toEqual([]);
  });

  it("does not retry a timed-out unsafe write, but does retry one whose connection was refused", async () => {
    const timedOut = setup([]);
    let hung = 0;
    const hang: typeof fetch = (_i, init) => {
      hung += 1;
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    };
    const error = await failureOf(timedOut.run({ cmdlet: "New-Mailbox", parameters: {}, timeoutMs: 5, fetchImpl: hang }));
    expect(error.diagnostics).toBe("timeout");
    expect(hung).toBe(1);
    expect(timedOut.events).toEqual([]);

    const refused = setup([networkFailure("ECONNREFUSED"), OK]);
    await refused.run({ cmdlet: "New-Mailbox", parameters: {} });
    expect(refused.sent).toHaveLength(2);
  });

  it("says how long it tried when a read stays unavailable", async () => {
    const t = setup(Array<Reply>(10).fill(unavailable), Array<number>(10).fill(0.9999));
    const error = await failureOf(t.run({}, { budgetMs: 5000 }));
    expect(t.waits).toEqual([499, 999, 1999]);
    expect(error.message).toBe("Exchange is temporarily unavailable. ExoDesk tried 4 times over 4 seconds. Try again in a moment.");
  });
});

describe("retry: answers that are never retried", () => {
  it.each([
    ["invalid_input", () => reply(400, { error: { code: "BadRequest", message: "Cannot bind parameter 'ResultSize'." } })],
    ["rbac_denied", () => reply(403, "")],
    ["not_found", () => reply(404, "")],
    ["unauthorized", () => reply(401, "")],
    ["unknown", () => reply(500, "")],
  ])("%s", async (kind, only) => {
    const t = setup([only, OK]);
    expect((await failureOf(t.run())).kind).toBe(kind);
    expect(t.sent).toHaveLength(1);
  });

  it("a garbled answer to a change (it may have run), while a garbled answer to a read is asked again", async () => {
    const write = setup([() => reply(200, "<html></html>"), OK]);
    expect((await failureOf(write.run({ cmdlet: "Set-MailboxAutoReplyConfiguration" }))).kind).toBe("unreadable");
    expect(write.sent).toHaveLength(1);
    const read = setup([() => reply(200, "<html></html>"), OK]);
    await read.run();
    expect(read.sent).toHaveLength(2);
  });

  it("a caller's cancellation", async () => {
    const controller = new AbortController();
    const t = setup([]);
    const hang: typeof fetch = (_i, init) => new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    const pending = failureOf(t.run({ fetchImpl: hang, signal: controller.signal }));
    controller.abort();
    expect((await pending).diagnostics).toBe("cancelled by caller");
    expect(t.events).toEqual([]);
  });
});

describe("retry: a write whose first try may have been applied", () => {
  const write = { cmdlet: "Add-MailboxPermission", parameters: { Identity: "x", User: "y", AccessRights: ["FullAccess"] } };

  it("turns a later 429 into an unclear outcome, so the caller reads the mailbox back", async () => {
    const t = setup([() => reply(504, ""), ...Array<Reply>(10).fill(throttled("10"))]);
    const error = await failureOf(t.run(write));
    expect(error.kind).toBe("transient");
    expect(error.status).toBe(504);
    expect(error.message).toMatch(/may or may not have been applied/);
    expect(error.message).toMatch(/Exchange is busy/);
  });

  it("turns a later not_found into an unclear outcome", async () => {
    const t = setup([unavailable, () => reply(404, "")]);
    expect((await failureOf(t.run(write))).kind).toBe("transient");
  });

  it("passes on 'already exists', which callers take as a note", async () => {
    const exists = () => reply(400, { error: { code: "BadRequest", details: [{ message: "|Microsoft.Exchange.Management.Tasks.UserAlreadyExistsInPermissionEntryException|An existing permission entry was found for user: y." }] } });
    const t = setup([unavailable, exists]);
    expect((await failureOf(t.run(write))).kind).toBe("already_exists");
  });

  it("keeps a 429-only history as throttled: nothing ran", async () => {
    const t = setup(Array<Reply>(10).fill(throttled("10")));
    expect((await failureOf(t.run(write))).kind).toBe("throttled");
  });
});

describe("retry: cancelled while waiting", () => {
  it("stops waiting at once and sends nothing more", async () => {
    const controller = new AbortController();
    const sent: number[] = [];
    // A wait that lasts until it is cancelled.
    const clock: TClock = {
      ...realClock,
      sleep: (_ms, signal) => new Promise((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true })),
    };
    const fetchImpl: typeof fetch = async () => {
      sent.push(1);
      queueMicrotask(() => controller.abort());
      return reply(429, "", { "retry-after": "5" });
    };
    const error = await failureOf(
      invokeCommand({ baseUrl: "https://outlook.office365.com", tenantId: TENANT, accessToken: "t", anchorUpn: "a@b.c", cmdlet: "Get-Mailbox", parameters: {}, fetchImpl, signal: controller.signal, limiter: new TenantLimiter(1), clock }),
    );
    expect(error.kind).toBe("transient");
    expect(error.diagnostics).toBe("cancelled by caller");
    expect(sent).toHaveLength(1);
  });
});
