import { gunzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { DEMO_USERS, SEED_MAILBOXES } from "./index";
import { useHarness, useSignedIn } from "./test-support/harness";

const h = useHarness();
const invoke = useSignedIn(h, DEMO_USERS.helpdesk);

const read = () => invoke("Get-Mailbox", { Identity: SEED_MAILBOXES.adeleVance });
const write = (message: string) =>
  invoke("Set-MailboxAutoReplyConfiguration", { Identity: SEED_MAILBOXES.adeleVance, AutoReplyState: "Enabled", InternalMessage: message });
const stateOfAdele = async () => (await h.control("GET", "state/mailboxes/adele.vance")).autoReply;

describe("fault injection for the next N InvokeCommand calls", () => {
  test("a fault limited to one cmdlet skips the calls of other cmdlets", async () => {
    await h.control("POST", "faults", { kind: "throttle", cmdlet: "Set-MailboxAutoReplyConfiguration", retryAfterSeconds: 2 });
    expect((await read()).status).toBe(200);
    expect((await write("throttled")).status).toBe(429);
    expect((await write("through")).status).toBe(200);
    expect((await stateOfAdele()).internalMessage).toContain("through");
  });

  test("latency delays the answer and the cmdlet still runs", async () => {
    await h.control("POST", "faults", { kind: "latency", count: 1, latencyMs: 400 });
    const started = Date.now();
    const res = await write("slow");
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    expect(res.status).toBe(200);
    // The call log says when the call arrived and when its answer was ready.
    const call = (await h.control("GET", "calls")).calls.at(-1);
    expect(Date.parse(call.endTime) - Date.parse(call.time)).toBeGreaterThanOrEqual(380);
    expect((await stateOfAdele()).internalMessage).toContain("slow");
  });

  test("throttle answers 429 with a decimal Retry-After and Exchange's text; nothing runs; then calls succeed", async () => {
    await h.control("POST", "faults", { kind: "throttle", count: 2, retryAfterSeconds: 1.5 });
    for (let i = 0; i < 2; i++) {
      const res = await write("throttled");
      expect(res.status).toBe(429);
      expect(res.header("retry-after")).toBe("1.5");
      expect(res.text()).toMatch(/^You have reached the maximum number of concurrent requests per tenant\. Please wait and try again/);
    }
    expect((await stateOfAdele()).autoReplyState).toBe("Disabled");
    expect((await read()).status).toBe(200);
    await h.control("POST", "faults", { kind: "throttle", variant: "json" });
    const json = await read();
    expect(json.status).toBe(429);
    expect(json.json().error.message).toMatch(/maximum number of concurrent requests/);
  });

  test("server-error: 503 and 504 with non-JSON bodies, or a 500 naming a transient exception", async () => {
    await h.control("POST", "faults", { kind: "server-error", status: 503 });
    await h.control("POST", "faults", { kind: "server-error", status: 504 });
    await h.control("POST", "faults", { kind: "server-error", status: 500, variant: "DCOverloadedException" });
    await h.control("POST", "faults", { kind: "server-error", variant: "StorageTransientException" });
    expect((await read()).status).toBe(503);
    expect((await read()).status).toBe(504);
    for (const exception of ["DCOverloadedException", "StorageTransientException"]) {
      const res = await read();
      expect(res.status).toBe(500);
      const { error } = res.json();
      expect(error.code).toBe("InternalServerError");
      expect(error.details[0].message).toContain(`.${exception}|`);
    }
    expect((await read()).status).toBe(200);
  });

  test("malformed variants damage the body of a call that did run", async () => {
    const variants = ["empty", "nul-padded", "html", "fake-gzip", "truncated-json"];
    for (const variant of variants) await h.control("POST", "faults", { kind: "malformed", variant });

    const empty = await write("written-under-empty-body");
    expect(empty.status).toBe(200);
    expect(empty.body.length).toBe(0);
    expect((await stateOfAdele()).internalMessage).toContain("written-under-empty-body");

    const padded = await read();
    expect(padded.body.at(-1)).toBe(0);
    expect(() => padded.json()).toThrow();
    expect(JSON.parse(padded.text().replace(/\0+$/, "")).value[0].Alias).toBe("adele.vance");

    const html = await read();
    expect(html.header("content-type")).toMatch(/^text\/html/);
    expect(html.text()).toMatch(/^<!DOCTYPE html>/);

    const gzip = await read();
    expect(gzip.header("content-encoding")).toBe("gzip");
    expect(() => gunzipSync(gzip.body)).toThrow();

    const truncated = await read();
    expect(() => truncated.json()).toThrow();
    expect(truncated.text().startsWith('{"@odata.context"')).toBe(true);

    expect((await read()).json().value[0].Alias).toBe("adele.vance");
  });

  test("faults are listed, cleared with DELETE, validated, recorded in the call log and cleared by reset", async () => {
    await h.control("POST", "faults", { kind: "throttle", count: 3 });
    expect((await h.control("GET", "faults")).faults[0]).toMatchObject({ remaining: 3 });
    await read();
    expect((await h.control("GET", "faults")).faults[0]).toMatchObject({ remaining: 2 });
    const { calls } = await h.control("GET", "calls");
    expect(calls.at(-1)).toMatchObject({ status: 429, fault: "throttle:text", cmdlet: "Get-Mailbox" });
    await h.control("DELETE", "faults");
    expect((await read()).status).toBe(200);

    const bad = await h.request("/_emulator/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind: "earthquake" }) });
    expect(bad.status).toBe(400);
    const badStatus = await h.request("/_emulator/faults", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ kind: "server-error", status: 502 }) });
    expect(badStatus.status).toBe(400);

    await h.control("POST", "faults", { kind: "server-error" });
    await h.control("POST", "reset");
    expect((await h.control("GET", "faults")).faults).toEqual([]);
  });

  test("a refused token does not consume a fault", async () => {
    await h.control("POST", "faults", { kind: "throttle" });
    expect((await h.invoke("bad", "Get-Mailbox")).status).toBe(401);
    expect((await read()).status).toBe(429);
  });
});
