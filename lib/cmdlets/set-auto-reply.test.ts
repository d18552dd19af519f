import { describe, expect, it } from "vitest";
import { setAutoReply, ZAutoReplyParams, type TAutoReplyParams } from "./set-auto-reply";

const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();
const base: TAutoReplyParams = {
  identity: "adele.vance@contoso.onmicrosoft.com",
  autoReplyState: "Enabled",
  startTime: null,
  endTime: null,
  internalMessage: "<p>Away</p>",
  externalMessage: "",
  externalAudience: "None",
};

function errorsOf(input: unknown): Record<string, string> {
  const r = ZAutoReplyParams.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
}

describe("Set automatic replies: the cmdlet's rules", () => {
  it("accepts a valid enabled reply and sanitises nothing away", () => {
    expect(ZAutoReplyParams.parse(base).internalMessage).toBe("<p>Away</p>");
  });

  it("needs an internal message when enabling or scheduling", () => {
    expect(errorsOf({ ...base, internalMessage: "  <p> </p>" }).internalMessage).toMatch(/inside the organisation/);
    expect(errorsOf({ ...base, autoReplyState: "Disabled", internalMessage: "" })).toEqual({});
  });

  it("needs an external message when external senders get a reply", () => {
    expect(errorsOf({ ...base, externalAudience: "All" }).externalMessage).toMatch(/external senders/);
    expect(errorsOf({ ...base, externalAudience: "Known", externalMessage: "<p>Out</p>" })).toEqual({});
  });

  it("needs a start before the end, and an end in the future, when scheduled", () => {
    const s = { ...base, autoReplyState: "Scheduled" };
    expect(errorsOf({ ...s, startTime: null, endTime: null })).toMatchObject({ startTime: expect.any(String), endTime: expect.any(String) });
    expect(errorsOf({ ...s, startTime: future(5), endTime: future(2) }).endTime).toBe("The end must be after the start.");
    expect(errorsOf({ ...s, startTime: future(-5), endTime: future(-2) }).endTime).toMatch(/in the past/);
    expect(errorsOf({ ...s, startTime: future(1), endTime: future(48) })).toEqual({});
  });

  it("refuses scripted and oversized HTML", () => {
    expect(errorsOf({ ...base, internalMessage: "<p>x</p><script>alert(1)</script>" }).internalMessage).toMatch(/<script>/);
    expect(errorsOf({ ...base, internalMessage: `<p>${"a".repeat(70_000)}</p>` }).internalMessage).toMatch(/under 64 KB/);
  });

  it("turns replies off leaving the messages and audience as the mailbox has them, but never sends replies without them", () => {
    const off = { ...base, autoReplyState: "Disabled" as const, internalMessage: null, externalMessage: null, externalAudience: null };
    expect(errorsOf(off)).toEqual({});
    expect(errorsOf({ ...off, autoReplyState: "Enabled" })).toMatchObject({ internalMessage: expect.stringMatching(/inside the organisation/), externalAudience: expect.stringMatching(/outside the organisation/) });
  });

  it("refuses values the cmdlet does not know", () => {
    expect(errorsOf({ ...base, autoReplyState: "On" }).autoReplyState).toBeDefined();
    expect(errorsOf({ ...base, externalAudience: "Everyone" }).externalAudience).toBeDefined();
  });
});

describe("Set automatic replies: verification and inverse", () => {
  const state = { autoReplyState: "Enabled", startTime: null, endTime: null, internalMessage: "<html><body><p>Away</p></body></html>", externalMessage: "", externalAudience: "None" };

  it("sees the change as applied when Exchange wraps the HTML", () => {
    expect(setAutoReply.isApplied(base, state)).toBe(true);
  });

  it("sends only what is given: replies turned off keep the mailbox's messages and audience, whatever they are", async () => {
    const off = { ...base, autoReplyState: "Disabled" as const, internalMessage: null, externalMessage: null, externalAudience: null };
    const sent: Record<string, unknown>[] = [];
    const ex = { invoke: async (_cmdlet: string, parameters: Record<string, unknown>) => (sent.push(parameters), { value: [], warnings: [] }) };
    await setAutoReply.apply(ex as never, off, "7d0c6bb3-0d7e-4a55-9d2c-1b7b0fbd9a11", state);
    expect(sent).toEqual([{ Identity: base.identity, AutoReplyState: "Disabled" }]);
    expect(setAutoReply.isApplied(off, { ...state, autoReplyState: "Disabled", externalAudience: "All", externalMessage: "<p>Out</p>" })).toBe(true);
    expect(setAutoReply.isApplied(off, state)).toBe(false);
  });

  it("sees drift when anything differs", () => {
    expect(setAutoReply.isApplied(base, { ...state, internalMessage: "<p>Other</p>" })).toBe(false);
    expect(setAutoReply.isApplied(base, { ...state, autoReplyState: "Disabled" })).toBe(false);
    const scheduled = { ...base, autoReplyState: "Scheduled" as const, startTime: "2030-01-01T08:00:00.000Z", endTime: "2030-01-02T08:00:00.000Z" };
    expect(setAutoReply.isApplied(scheduled, { ...state, autoReplyState: "Scheduled", startTime: scheduled.startTime, endTime: "2030-01-02T09:00:00.000Z" })).toBe(false);
    expect(setAutoReply.isApplied(scheduled, { ...state, autoReplyState: "Scheduled", startTime: scheduled.startTime, endTime: scheduled.endTime })).toBe(true);
  });

  it("inverts to the state read before the change", () => {
    const before = { ...state, autoReplyState: "Disabled", internalMessage: "<p>Old</p>" };
    expect(setAutoReply.inverse(base, before)).toMatchObject({ actionId: "auto-reply.set", params: { autoReplyState: "Disabled", internalMessage: "<p>Old</p>" } });
  });
});

describe("sizes and years a crafted post may send", () => {
  it("refuses an identity of 100,000 characters and a 1.2 MB message", () => {
    expect(errorsOf({ ...base, identity: "x".repeat(100_000) }).identity).toMatch(/at most 320 characters/);
    expect(errorsOf({ ...base, internalMessage: `<p>${"x".repeat(1_200_000)}</p>` }).internalMessage).toBe("Keep the message under 64 KB.");
    expect(errorsOf({ ...base, externalAudience: "All", externalMessage: "x".repeat(65_537) }).externalMessage).toBe("Keep the message under 64 KB.");
  });

  it.each(["0099-06-01T09:00:00.000Z", "0001-01-01T00:00:00.000Z", "1999-12-31T23:00:00.000Z", "2100-01-01T00:00:00.000Z"])("refuses a schedule starting %s", (startTime) => {
    expect(errorsOf({ ...base, autoReplyState: "Scheduled", startTime, endTime: future(48) }).startTime).toBe("Choose a date between the years 2000 and 2099.");
  });

  it("takes a schedule in 2026 and later", () => {
    expect(errorsOf({ ...base, autoReplyState: "Scheduled", startTime: future(1), endTime: future(48) })).toEqual({});
  });
});

describe("reverting to a state whose window is an unset default", () => {
  it("leaves a window outside 2000–2099 out unless the replies were scheduled", () => {
    const before = { autoReplyState: "Disabled", startTime: "0001-01-01T00:00:00.000Z", endTime: "0001-01-02T00:00:00.000Z", internalMessage: "", externalMessage: "", externalAudience: "None" };
    const { params } = setAutoReply.inverse!(base, before) as unknown as { params: TAutoReplyParams };
    expect(params).toMatchObject({ autoReplyState: "Disabled", startTime: null, endTime: null });
    expect(ZAutoReplyParams.safeParse(params).success).toBe(true);
    const kept = setAutoReply.inverse!(base, { ...before, startTime: "2026-01-01T00:00:00.000Z", endTime: "2026-01-02T00:00:00.000Z" }) as unknown as { params: TAutoReplyParams };
    expect(kept.params.startTime).toBe("2026-01-01T00:00:00.000Z");
  });
});
