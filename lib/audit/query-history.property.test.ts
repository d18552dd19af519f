import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, ZHistoryQuery, type THistoryRow } from "./query-history";

// The auditor's filter form and its paging cursor come from the URL: anything may arrive.
const SORTS = ["time", "actor", "mailbox", "action"];
const MAX_BIGINT = 2n ** 63n - 1n; // the seq column is a Postgres bigint

const day = fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2999-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
  fc.constantFrom("", " ", "2026-02-30", "2026-13-01", "2024-02-29", "2023-02-29", "0000-00-00", "2026-1-1", "x".repeat(400), "İ".repeat(320), " Zoe\u0308@Contoso.com ", "' OR 1=1 --", "asc", "DESC"),
  fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 })),
  fc.anything(),
);
const validish = fc.record(
  {
    actor: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })),
    mailbox: fc.oneof(fc.emailAddress(), fc.string({ maxLength: 30 })),
    action: fc.string({ maxLength: 20 }),
    status: fc.constantFrom("SUCCEEDED", "FAILED", ""),
    type: fc.constantFrom("request.submitted", "execution.finished", ""),
    requestId: fc.oneof(fc.uuid(), fc.constant("")),
    from: fc.oneof(day, fc.constant("")),
    to: fc.oneof(day, fc.constant("")),
    sort: fc.constantFrom(...SORTS),
    dir: fc.constantFrom("asc", "desc"),
  },
  { requiredKeys: [] },
);
const keys = fc.constantFrom("actor", "mailbox", "action", "status", "type", "requestId", "from", "to", "sort", "dir", "__proto__", "extra");
const nearValid = fc.tuple(validish, fc.array(fc.tuple(keys, nasty), { maxLength: 2 })).map(([base, edits]) => {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of edits) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
  return out;
});

function isRealDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) === value;
}

describe("ZHistoryQuery", () => {
  it("never throws, and what it accepts is a real query: real days in order, known sort, people in their stored form", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), validish, nearValid), (raw) => {
        const result = ZHistoryQuery.safeParse(raw);
        if (!result.success) return;
        const q = result.data;
        expect(SORTS).toContain(q.sort);
        expect(["asc", "desc"]).toContain(q.dir);
        for (const d of [q.from, q.to]) if (d !== undefined) expect(isRealDay(d)).toBe(true);
        if (q.from && q.to) expect(q.from <= q.to).toBe(true);
        if (q.requestId !== undefined) expect(q.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
        for (const text of [q.actor, q.mailbox, q.action, q.status, q.type]) {
          if (text !== undefined) expect(text !== "" && text === text.trim()).toBe(true);
        }
        // People in the form they are stored in (write-audit.ts): composed accents, lower-case.
        for (const person of [q.actor, q.mailbox]) {
          if (person !== undefined) expect(person).toBe(person.normalize("NFC").toLowerCase());
          if (person !== undefined) expect(person.length).toBeLessThanOrEqual(320);
        }
        const again = ZHistoryQuery.safeParse(q);
        expect(again.success && again.data).toEqual(q);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("decodeCursor", () => {
  const row = (seq: bigint, actorUpn: string | null): THistoryRow => ({
    seq, id: "id", at: new Date(0), type: "t", actorOid: null, actorUpn, actorName: null, actorRoles: [], actorIp: null, actorUserAgent: null,
    requestId: null, targetMailbox: null, action: null, status: null, data: null, prevHash: "", hash: "",
  });

  it("round-trips every cursor it encodes", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_BIGINT }), fc.option(fc.string(), { nil: null }), fc.constantFrom("time", "actor"), (seq, upn, sort) => {
        const query = ZHistoryQuery.parse({ sort });
        const decoded = decodeCursor(encodeCursor(query, row(seq, upn)));
        expect(decoded).toEqual({ v: sort === "actor" ? upn : null, s: seq.toString() });
      }),
      { numRuns: 500 },
    );
  });

  it("turns a mangled cursor into 'start again', never a throw or a seq the database cannot hold", () => {
    const crafted = fc
      .record({ v: fc.oneof(fc.string(), fc.constant(null), fc.anything()), s: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 19n - 1n }).map(String), fc.string({ maxLength: 22 }), fc.anything()) })
      .map((c) => Buffer.from(JSON.stringify(c) ?? "").toString("base64url"));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), crafted, fc.constant(undefined)), (raw) => {
        const cursor = decodeCursor(raw);
        if (cursor === undefined) return;
        expect(cursor.v === null || typeof cursor.v === "string").toBe(true);
        expect(BigInt(cursor.s) <= MAX_BIGINT).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
