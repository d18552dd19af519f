import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameIdentity } from "@/lib/exchange/identity";
import { MAX_MESSAGE_CHARS } from "@/lib/forms/limits";
import { findActiveContent } from "@/lib/html/message-html";
import { CALENDAR_ROLES } from "./calendar-roles";
import { describeChange } from "@/lib/requests/describe-change";
import { listCatalogue } from "./catalogue";
import { AUTO_REPLY_STATES, EXTERNAL_AUDIENCES } from "./set-auto-reply";

// Every catalogue schema against arbitrary and near-valid input: safeParse never throws, and
// what it lets through satisfies the rules Exchange would otherwise be asked to enforce.

const KEYS: Record<string, readonly string[]> = {
  "auto-reply.set": ["identity", "autoReplyState", "startTime", "endTime", "internalMessage", "externalMessage", "externalAudience"],
  "full-access.grant": ["identity", "trustee", "autoMapping"],
  "calendar.set": ["identity", "trustee", "accessRights", "delegate", "canViewPrivateItems", "sendNotificationToUser"],
};
const keysOf = (id: string) => KEYS[id] ?? ["identity", "trustee"];

// Fragments that, glued together, probe the HTML checks: handlers, schemes split by control
// characters or entities, comments, CDATA, unclosed tags.
const HTML_BITS = [
  "<p>", "</p>", "Away until Monday", "<a href=\"", "\">", "javascript:alert(1)", "java\tscript:", "JaVaScRiPt:", "&#106;avascript:",
  "&#x6A;", "data:text/html,<script>x</script>", "vbscript:", "<img src=x onerror=alert(1)>", "<script>", "</script>", "<svg onload=alert(1)>",
  "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<", ">", "\"", "'", " ", "\u0000", "\u200b", "<font color=red>", "<div onclick='x'>",
  "<iframe src=//evil>", "<math><mi xlink:href=javascript:1>", "<a href=javascript&colon;alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
  "<title><a href=javascript:1>", "<table><td background=javascript:1>", "<form><button formaction=javascript:1>",
];
const html = fc.oneof(fc.array(fc.constantFrom(...HTML_BITS), { maxLength: 12 }).map((b) => b.join("")), fc.string({ unit: "grapheme", maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }));
const iso = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
const who = fc.oneof(
  fc.constantFrom("adele.vance@contoso.onmicrosoft.com", " ADELE.VANCE@contoso.onmicrosoft.com ", "megan@contoso.com", "Megan Bowen", "Adele\u0301"),
  fc.emailAddress(),
  fc.string({ maxLength: 20 }),
);

function validish(id: string): fc.Arbitrary<Record<string, unknown>> {
  if (id === "auto-reply.set") {
    return fc.record({
      identity: who,
      autoReplyState: fc.constantFrom(...AUTO_REPLY_STATES),
      startTime: fc.option(iso, { nil: null }),
      endTime: fc.option(iso, { nil: null }),
      internalMessage: fc.option(html, { nil: null }),
      externalMessage: fc.option(html, { nil: null }),
      externalAudience: fc.option(fc.constantFrom(...EXTERNAL_AUDIENCES), { nil: null }),
    });
  }
  const base = { identity: who, trustee: who };
  if (id === "full-access.grant") return fc.record({ ...base, autoMapping: fc.boolean() });
  if (id === "calendar.set") {
    return fc.record({ ...base, accessRights: fc.constantFrom(...CALENDAR_ROLES), delegate: fc.boolean(), canViewPrivateItems: fc.boolean(), sendNotificationToUser: fc.boolean() });
  }
  return fc.record(base);
}

const nasty = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 10 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constant("x".repeat(MAX_MESSAGE_CHARS + 1)),
  fc.constant(" \u00a0\u2028\ufeff "),
  fc.oneof(fc.double(), fc.integer(), fc.bigInt(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"identity":"evil@x"},"toString":1}') as unknown),
  fc.anything(),
);

// Own, enumerable keys, "__proto__" included (what JSON.parse of a form body can produce).
function withKey(base: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out = { ...base };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

function nearValid(id: string): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.constantFrom(...keysOf(id), "__proto__", "constructor", "prototype", "Identity", "Confirm", "extra");
  return fc.tuple(validish(id), fc.array(fc.tuple(key, nasty), { maxLength: 2 })).map(([b, edits]) => edits.reduce((o, [k, v]) => withKey(o, k, v), b));
}

function checkInvariants(id: string, out: Record<string, unknown>): void {
  expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  expect(Object.keys(out).every((k) => keysOf(id).includes(k))).toBe(true);
  expect(typeof out.identity === "string" && out.identity === out.identity.trim() && out.identity !== "").toBe(true);
  if (id === "auto-reply.set") {
    expect(AUTO_REPLY_STATES).toContain(out.autoReplyState);
    // A message or the audience left null is not sent (the mailbox keeps its own): only turning
    // replies off may leave them so, and the external message also when nobody outside gets one.
    const off = out.autoReplyState === "Disabled";
    if (out.externalAudience !== null || !off) expect(EXTERNAL_AUDIENCES).toContain(out.externalAudience);
    if (out.internalMessage === null) expect(off).toBe(true);
    if (out.externalMessage === null) expect(off || out.externalAudience === "None").toBe(true);
    for (const m of [out.internalMessage, out.externalMessage] as (string | null)[]) {
      if (m === null) continue;
      expect(findActiveContent(m)).toBeNull();
      expect(m.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    }
    if (out.autoReplyState === "Scheduled") {
      expect(Date.parse(out.startTime as string)).toBeLessThan(Date.parse(out.endTime as string));
      expect(Date.parse(out.endTime as string)).toBeGreaterThan(Date.now());
    }
    return;
  }
  expect(typeof out.trustee === "string" && out.trustee === out.trustee.trim() && out.trustee !== "").toBe(true);
  expect(sameIdentity(out.identity as string, out.trustee as string)).toBe(false);
  if (id === "calendar.set") {
    expect(CALENDAR_ROLES).toContain(out.accessRights);
    if (out.delegate) expect(out.accessRights).toBe("Editor");
    if (out.canViewPrivateItems) expect(out.delegate).toBe(true);
  }
}

describe.each(listCatalogue().map((a) => [a.id, a] as const))("catalogue schema %s", (id, action) => {
  it("never throws on arbitrary values", () => {
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withSparseArray: true }), (raw) => {
        const result = action.schema.safeParse(raw);
        if (result.success) checkInvariants(id, result.data as Record<string, unknown>);
      }),
      { numRuns: 300 },
    );
  });

  it("lets through only values that keep the documented rules, and re-parses its own output unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(validish(id), nearValid(id)), (raw) => {
        const result = action.schema.safeParse(raw);
        expect((Object.prototype as Record<string, unknown>).identity).toBeUndefined();
        if (!result.success) return;
        const out = result.data as Record<string, unknown>;
        checkInvariants(id, out);
        const again = action.schema.safeParse(out);
        expect(again.success).toBe(true);
        expect(again.data).toEqual(out);
        // Every change it lets through can be put in words for the approver and the auditor.
        expect(describeChange({ action: id, parameters: out, mailbox: "M", before: null, tense: "will" }).sentence).not.toContain("cannot put in words");
      }),
      { numRuns: 500 },
    );
  });
});
