import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSuccessBody, readWarnings, stripAnnotations } from "./response";

// A success body is read or refused (null, which the transport turns into a typed error):
// whatever arrives, it never throws and never hands annotations or prototypes to callers.

function hasAnnotationKey(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (Array.isArray(value)) return value.some((v) => hasAnnotationKey(v, depth + 1));
  if (typeof value !== "object" || value === null) return false;
  return Object.keys(value).some((k) => k.includes("@") || hasAnnotationKey((value as Record<string, unknown>)[k], depth + 1));
}

const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("@odata.context", "X@odata.type", "__proto__", "constructor", "prototype", "value", "error", "@adminapi.warnings", "@odata.nextLink"));
const json = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, fc.jsonValue({ maxDepth: 1 }), tie("array"), tie("object")),
  array: fc.array(tie("node"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("node"), { maxKeys: 5 }),
})).node;

const page = fc.record(
  {
    "@odata.context": fc.string(),
    "@adminapi.warnings": fc.oneof(fc.array(fc.oneof(fc.string(), fc.record({ message: fc.string() }), json)), json),
    "@odata.nextLink": fc.oneof(fc.webUrl(), fc.string(), json),
    value: fc.oneof(fc.array(json, { maxLength: 5 }), json),
    error: json,
  },
  { requiredKeys: [] },
);

const deep = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("[", '{"a":', '{"x@odata.type":')).map(([n, open]) => {
  const close = open === "[" ? "]" : "}";
  return `{"value":[{"Nested":${open.repeat(n)}0${close.repeat(n)}}]}`;
});

const body = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  json.map((v) => JSON.stringify(v)),
  page.map((p) => JSON.stringify(p)),
  page.map((p) => JSON.stringify(p)).chain((t) => fc.nat({ max: t.length }).map((cut) => t.slice(0, cut))),
  fc.constant('{"__proto__":{"polluted":true},"value":[{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}]}'),
  deep,
);

describe("parseSuccessBody on arbitrary text", () => {
  it("returns null or a clean page, and never throws", () => {
    fc.assert(
      fc.property(body, (text) => {
        const parsed = parseSuccessBody(text);
        if (parsed === null) return;
        expect(Array.isArray(parsed.value)).toBe(true);
        for (const item of parsed.value) {
          expect(typeof item === "object" && item !== null && !Array.isArray(item)).toBe(true);
          expect(Object.getPrototypeOf(item)).toBe(Object.prototype);
        }
        expect(hasAnnotationKey(parsed.value)).toBe(false);
        for (const w of parsed.warnings) expect(w.trim() === w && w !== "").toBe(true);
        if (parsed.nextLink !== undefined) expect(parsed.nextLink.trim() === parsed.nextLink && parsed.nextLink !== "").toBe(true);
        expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps every non-annotation property of a well-formed page", () => {
    const plain = fc.dictionary(fc.string({ maxLength: 8 }).filter((k) => !k.includes("@") && k !== "__proto__"), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 5 }).filter((items) => !hasAnnotationKey(items)), (items) => {
        const parsed = parseSuccessBody(JSON.stringify({ "@odata.context": "c", value: items }));
        expect(parsed?.value).toEqual(JSON.parse(JSON.stringify(items)));
      }),
      { numRuns: 500 },
    );
  });

  it("readWarnings and stripAnnotations are total", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        for (const w of readWarnings(v)) expect(typeof w).toBe("string");
        expect(hasAnnotationKey(stripAnnotations(v))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
