import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZAuditEvent } from "./events";

// Audit events are validated on write and again when read back from the database: whatever
// a row holds, parsing answers yes or no, never throws, and never hands out a tampered prototype.

type TOption = { shape: { type: { value: string }; data: { shape: Record<string, unknown> } } };
const options = ZAuditEvent.options as unknown as TOption[];
const TYPES = options.map((o) => o.shape.type.value);

// Values that fit most data fields of most event types, plus ones that fit none.
const fieldValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.uuid(),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom("SUCCEEDED", "FAILED", "OUTCOME_UNKNOWN", "VERIFIED", "DRIFTED", "2026-11-23T10:00:00.000Z"),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  fc.record({ kind: fc.string(), message: fc.string() }),
  fc.dictionary(fc.constantFrom("identity", "__proto__", "constructor", "x"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"identity":"a@b"}') as unknown),
  fc.anything({ maxDepth: 2 }),
);

const schemaDriven = fc.integer({ min: 0, max: options.length - 1 }).chain((i) => {
  const option = options[i]!;
  const keys = [...Object.keys(option.shape.data.shape), "extra", "__proto__"];
  return fc
    .tuple(fc.subarray(keys, { minLength: Math.max(0, keys.length - 3) }), fc.array(fieldValue, { minLength: keys.length, maxLength: keys.length }))
    .map(([present, values]) => {
      const data: Record<string, unknown> = {};
      present.forEach((k, j) => Object.defineProperty(data, k, { value: values[j], enumerable: true, configurable: true, writable: true }));
      return { type: option.shape.type.value, data };
    });
});

function prototypesAreClean(value: unknown, depth = 0): boolean {
  if (depth > 20 || typeof value !== "object" || value === null) return true;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null && !(value instanceof Date)) return false;
  return Object.values(value).every((v) => prototypesAreClean(v, depth + 1));
}

describe("ZAuditEvent", () => {
  it("never throws on arbitrary rows, and accepts only known event types with object data", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ type: fc.oneof(fc.constantFrom(...TYPES), fc.string()), data: fc.anything() }), schemaDriven), (raw) => {
        const result = ZAuditEvent.safeParse(raw);
        if (!result.success) return;
        expect(TYPES).toContain(result.data.type);
        expect(typeof result.data.data === "object" && result.data.data !== null).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("parses its own output to the same event, with clean prototypes and no global pollution", () => {
    let accepted = 0;
    fc.assert(
      fc.property(schemaDriven, (raw) => {
        const result = ZAuditEvent.safeParse(raw);
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
        if (!result.success) return;
        accepted++;
        const out = result.data as { type: string; data: Record<string, unknown> };
        const allowed = Object.keys(options.find((o) => o.shape.type.value === out.type)!.shape.data.shape);
        expect(Object.keys(out.data).every((k) => allowed.includes(k))).toBe(true);
        expect(prototypesAreClean(out)).toBe(true);
        const again = ZAuditEvent.safeParse(out);
        expect(again.success && again.data).toEqual(out);
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(50); // the generator must reach the accepting paths
  });
});
