import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZActionPolicy, ZProtectedTarget } from "./change-policy";

// The admin policy forms: whatever is posted, parsing never throws and accepted values are
// within the documented bounds.

const hours = fc.oneof(
  fc.integer({ min: -5, max: 800 }),
  fc.integer({ min: -5, max: 800 }).map(String),
  fc.constantFrom("", " 24 ", "1e2", "0x10", "24.5", "Infinity", "NaN", "-0", "720", "721", "  ", "٣"),
  fc.double(),
  fc.bigInt({ min: -10n, max: 1000n }),
  fc.constant(Symbol("x")),
  fc.constant({ valueOf: () => { throw new Error("boom"); } }),
  fc.constant({ [Symbol.toPrimitive]: () => 24 }),
  fc.anything(),
);
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 5 }),
  fc.constantFrom(" a ", "x".repeat(257), ` ${"x".repeat(256)} `, "\u00a0", "__proto__"),
  fc.anything(),
);

describe("ZActionPolicy", () => {
  it("never throws; accepted hours are whole numbers from 1 to 720", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ actionId: text, requiresApproval: fc.oneof(fc.boolean(), fc.anything()), pendingHours: hours })), (raw) => {
        const result = ZActionPolicy.safeParse(raw);
        if (!result.success) return;
        const { actionId, requiresApproval, pendingHours } = result.data;
        expect(typeof actionId).toBe("string");
        expect(typeof requiresApproval).toBe("boolean");
        expect(Number.isInteger(pendingHours) && pendingHours >= 1 && pendingHours <= 720).toBe(true);
        expect(ZActionPolicy.parse(result.data)).toEqual(result.data);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("ZProtectedTarget", () => {
  it("never throws; accepted values are a known kind and trimmed, non-empty text of at most 256 characters", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ kind: fc.oneof(fc.constantFrom("MAILBOX", "DEPARTMENT", "mailbox", ""), fc.anything()), value: text })), (raw) => {
        const result = ZProtectedTarget.safeParse(raw);
        if (!result.success) return;
        const { kind, value } = result.data;
        expect(["MAILBOX", "DEPARTMENT"]).toContain(kind);
        expect(value === value.trim() && value.length >= 1 && value.length <= 256).toBe(true);
        expect(ZProtectedTarget.parse(result.data)).toEqual(result.data);
      }),
      { numRuns: 2000 },
    );
  });
});
