import { createHash, randomUUID } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCanonicalJson } from "./canonical-json";
import { AUDIT_COLUMNS, GENESIS_HASH, hashAuditRow, makeBatchPlan, type TAuditRow } from "./audit-row";
import type { TActorSnapshot } from "./events";
import { makeBatchVerifier } from "./verify-chain";
import { toAuditRow, type TAuditSubject, type TNewAuditRow } from "./write-audit";

// The write path (toAuditRow: columns → object → canonical JSON) and the fast verification
// path (a batch row array → canonical JSON built directly) must hash every row identically,
// or a verification reports intact rows as altered.

const text = fc.string({ unit: "grapheme", maxLength: 12 }); // non-ASCII and multi-unit characters
const actor = (oid: fc.Arbitrary<string>): fc.Arbitrary<TActorSnapshot> =>
  fc.record({ oid, upn: text, name: text, roles: fc.array(text, { maxLength: 3 }), ip: fc.option(text, { nil: null }), userAgent: fc.option(text, { nil: null }) });
const subject: fc.Arbitrary<TAuditSubject> = fc.record(
  { requestId: fc.uuid(), targetMailbox: text, action: text, status: text },
  { requiredKeys: [] },
);
const data = fc.jsonValue({ maxDepth: 4 }).map((v) => (typeof v === "object" && v !== null ? v : { value: v }));
const newRow = (oid: fc.Arbitrary<string>): fc.Arbitrary<Omit<TNewAuditRow, "prevHash">> =>
  fc.record({
    id: fc.uuid(),
    at: fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }),
    type: text,
    actor: fc.option(actor(oid), { nil: null }),
    subject,
    data,
  });

// As BATCH_ROW_SQL returns it from PostgreSQL: one JSON array per row, in column order;
// `spaced` puts white space between the tokens, as PostgreSQL's json and jsonb output does.
function toBatchText(rows: TAuditRow[], spaced = false): string {
  return JSON.stringify(
    rows.map((row) => AUDIT_COLUMNS.map((c) => (c.pg === "bigint" ? String(row[c.key]) : c.pg === "timestamp(3)" ? row.at.toISOString() : row[c.key]))),
    null,
    spaced ? 1 : undefined,
  );
}

const chainOf = (rows: Omit<TNewAuditRow, "prevHash">[]): TAuditRow[] => {
  let prevHash = GENESIS_HASH;
  return rows.map((r, i) => {
    const row = { ...toAuditRow({ ...r, prevHash }), seq: BigInt(i + 1) };
    prevHash = row.hash;
    return row;
  });
};

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("the hashed audit row", () => {
  it("hashes every row the same on the write path and the fast verification path", () => {
    const verify = makeBatchVerifier(makeBatchPlan());
    fc.assert(
      fc.property(fc.array(newRow(fc.oneof(fc.uuid(), text)), { minLength: 1, maxLength: 5 }), (rows) => {
        const chain = chainOf(rows);
        for (const spaced of [false, true]) {
          expect(verify(toBatchText(chain, spaced), sha256)).toMatchObject({ count: chain.length, bad: null, lastHash: chain.at(-1)!.hash });
        }
        // And the slow path, used for exported rows, agrees with both.
        for (const row of chain) expect(hashAuditRow(row)).toBe(row.hash);
      }),
      { numRuns: 300 },
    );
  });

  it("catches a changed column on the fast path", () => {
    const verify = makeBatchVerifier(makeBatchPlan());
    fc.assert(
      fc.property(newRow(fc.uuid()), text, (r, name) => {
        const [row] = chainOf([r]);
        fc.pre(row!.actorName !== null && row!.actorName !== name);
        expect(verify(toBatchText([{ ...row!, actorName: name }]), sha256).bad).toMatchObject({ reason: "altered" });
      }),
    );
  });

  it("refuses a batch cut off anywhere instead of reading on past its end", () => {
    const verify = makeBatchVerifier(makeBatchPlan());
    fc.assert(
      fc.property(fc.array(newRow(fc.oneof(fc.uuid(), text)), { minLength: 1, maxLength: 3 }), fc.nat(), (rows, at) => {
        const whole = toBatchText(chainOf(rows));
        const cut = whole.slice(0, at % whole.length);
        expect(() => verify(cut, sha256)).toThrow(SyntaxError);
      }),
      { numRuns: 200 },
    );
  });

  // The rule as the chains already stored were written (the former computeAuditHash, README
  // "Audit"): existing rows and exported files keep their hashes.
  it("hashes exactly as the chains already written were hashed", () => {
    // Only the spelling of people changed since (issue 16): composed accents and no surrounding
    // spaces as well as lower-case, so the stored form is the form the history is searched in.
    const spelt = (address: string) => address.normalize("NFC").trim().toLowerCase();
    const before = (r: TNewAuditRow) => {
      const actor = r.actor && { ...r.actor, upn: spelt(r.actor.upn) };
      const s = r.subject;
      const row = {
        id: r.id,
        at: r.at.toISOString(),
        type: r.type,
        actor,
        requestId: s.requestId ?? null,
        targetMailbox: s.targetMailbox === undefined ? null : spelt(s.targetMailbox),
        ...(s.action ? { action: s.action } : {}),
        ...(s.status ? { status: s.status } : {}),
        data: r.data,
      };
      return sha256(r.prevHash + toCanonicalJson(row));
    };
    fc.assert(
      fc.property(newRow(fc.uuid()), fc.constantFrom(GENESIS_HASH, sha256(randomUUID())), (r, prevHash) => {
        expect(toAuditRow({ ...r, prevHash }).hash).toBe(before({ ...r, prevHash }));
      }),
      { numRuns: 300 },
    );
  });
});
