import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBodyText } from "./body-text";
import { readErrorBody } from "./error-body";
import { readClaimsChallenge, readRetryAfterSeconds } from "./error-headers";
import { ExchangeError, parseExchangeError, type ExchangeErrorKind } from "./errors";

// Whatever Exchange (or a proxy in front of it) sends back, the parser returns a typed error
// with a short, human message: never a throw, a stack trace or the raw body.
const KINDS: readonly ExchangeErrorKind[] = [
  "not_found", "invalid_input", "already_exists", "entry_missing", "rbac_denied", "out_of_scope",
  "throttled", "transient", "unauthorized", "unreadable", "unknown",
];
// cleanText caps body text at 1000 characters; generous headroom for the fixed wording around it.
const MAX_MESSAGE = 1200;

const status = fc.oneof(
  fc.constantFrom(200, 201, 204, 400, 401, 403, 404, 408, 409, 429, 500, 502, 503, 504),
  fc.integer({ min: 100, max: 599 }),
  fc.integer(),
  fc.constantFrom(Number.NaN, -1, 0, 1e21),
);

// Header values a fetch Response can carry (Latin-1, no CR/LF), garbage included.
const headerText = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 80 }),
  fc.constantFrom("2.5", "-3", "1e3", "NaN", "Infinity", "0x10", " 7 ", "Wed, 21 Oct 2015 07:28:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "99999999999999999999999", "9".repeat(400)),
  fc.string({ unit: "grapheme-ascii", maxLength: 40 }).map((s) => `2000008;reason="${s.replace(/"/g, "")}";error_category="invalid_user"`),
  fc.string({ unit: "grapheme-ascii", maxLength: 60 }).map((s) => `Bearer error="insufficient_claims", claims="${s.replace(/"/g, "")}"`),
);
const headerName = fc.constantFrom("retry-after", "date", "content-type", "x-ms-diagnostics", "www-authenticate", "request-id", "x-ms-request-id", "client-request-id");
const headers = fc.array(fc.tuple(headerName, headerText), { maxLength: 6 }).map((pairs) => {
  const h = new Headers();
  for (const [name, value] of pairs) {
    try {
      h.set(name, value);
    } catch {
      // The Headers API refuses some values; fetch could never deliver those either.
    }
  }
  return h;
});

const PIPED = [
  "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found on 'SRV01.PROD.OUTLOOK.COM'.",
  "|Microsoft.Exchange.Management.StoreTasks.UserAlreadyExistsInPermissionEntryException|An existing permission entry was found for user: Megan.",
  "x|System.ArgumentException|Value\r\n   at Microsoft.Exchange.Foo.Bar()\r\n   at Baz()",
  "Error executing cmdlet",
];
const envelope = fc.record(
  {
    code: fc.oneof(fc.constantFrom("NotFound", "BadRequest", "TooManyRequests"), fc.anything()),
    message: fc.oneof(fc.constantFrom(...PIPED), fc.string(), fc.record({ lang: fc.string(), value: fc.string() }), fc.anything()),
    details: fc.oneof(fc.array(fc.record({ message: fc.oneof(fc.constantFrom(...PIPED), fc.string({ maxLength: 3000 }), fc.anything()) })), fc.anything()),
    innererror: fc.oneof(fc.record({ type: fc.string(), internalexception: fc.record({ message: fc.oneof(fc.constantFrom(...PIPED), fc.string()), type: fc.anything() }) }), fc.anything()),
  },
  { requiredKeys: [] },
).map((error) => JSON.stringify({ error }));

const deep = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom("[", '{"error":', '{"a":')).map(([n, open]) => {
  const close = open === "[" ? "]" : "}";
  return `{"error":{"code":"x","details":${open.repeat(n)}0${close.repeat(n)}}}`;
});

const body = fc.oneof(
  fc.constant(null),
  fc.uint8Array({ maxLength: 512 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  envelope,
  envelope.chain((text) => fc.nat({ max: text.length }).map((cut) => text.slice(0, cut))),
  envelope.map((text) => new TextEncoder().encode(`\uFEFF${text}${"\u0000".repeat(64)}`)),
  envelope.map((text) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff)),
  fc.constant(new Uint8Array(4096)),
  fc.constant(`<html><body><h1>503</h1>${"<p>Service Unavailable</p>".repeat(500)}</body></html>`),
  fc.constant(JSON.stringify({ error: { code: "X", message: `${"very long text ".repeat(5000)}` } })),
  deep,
);

describe("parseExchangeError on arbitrary answers", () => {
  it("always returns a known ExchangeError with a short, non-empty message and no stack trace", () => {
    fc.assert(
      fc.property(status, headers, body, (s, h, b) => {
        const error = parseExchangeError({ status: s, headers: h, body: b });
        expect(error).toBeInstanceOf(ExchangeError);
        expect(KINDS).toContain(error.kind);
        expect(error.status).toBe(s);
        expect(error.message.trim()).not.toBe("");
        expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
        expect(error.message).not.toMatch(/\n\s*at\s|stack ?trace/i);
        expect(error.message).not.toContain("\u0000");
        if (error.retryAfterSeconds !== undefined) {
          expect(["throttled", "transient"]).toContain(error.kind);
          expect(Number.isFinite(error.retryAfterSeconds) && error.retryAfterSeconds >= 0).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it("a throttling answer names a finite wait, whatever Retry-After holds", () => {
    fc.assert(
      fc.property(headerText, fc.option(headerText, { nil: undefined }), (retryAfter, date) => {
        const h = new Headers();
        try {
          h.set("retry-after", retryAfter);
          if (date !== undefined) h.set("date", date);
        } catch {
          return;
        }
        const error = parseExchangeError({ status: 429, headers: h, body: null });
        expect(error.kind).toBe("throttled");
        expect(error.message).not.toMatch(/Infinity|NaN|undefined/);
      }),
      { numRuns: 1000 },
    );
  });

  it("never echoes a whole raw body: a huge unstructured body yields a bounded message", () => {
    fc.assert(
      fc.property(status, fc.string({ minLength: 2000, maxLength: 20_000 }), (s, raw) => {
        const error = parseExchangeError({ status: s, headers: new Headers({ "content-type": "text/html" }), body: raw });
        expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE);
      }),
      { numRuns: 200 },
    );
  });
});

describe("the pieces the parser is built from", () => {
  it("decodeBodyText returns trimmed text without NULs or a BOM, whatever the bytes and charset", () => {
    const charset = fc.oneof(fc.constantFrom("utf-8", "utf-16le", "utf-16be", "iso-8859-1", "windows-1252", "gzip", "x-unknown", '"utf-8"', ""), fc.string({ maxLength: 20 }));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: "binary" }), fc.constant(null)), charset, (b, cs) => {
        const text = decodeBodyText(b, `application/json; charset=${cs}`);
        expect(text).toBe(text.trim());
        expect(text).not.toContain("\u0000");
        expect(text.startsWith("\uFEFF")).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("readErrorBody never throws and keeps the human text under 1000 characters", () => {
    fc.assert(
      fc.property(fc.oneof(body.map((b) => decodeBodyText(b)), fc.string()), (text) => {
        const facts = readErrorBody(text);
        expect(typeof facts.searchable).toBe("string");
        if (facts.text !== undefined) {
          expect(facts.text.length).toBeLessThanOrEqual(1000);
          expect(facts.text.trim()).not.toBe("");
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("header readers are total: Retry-After is a finite, non-negative number or absent", () => {
    fc.assert(
      fc.property(fc.option(headerText, { nil: undefined }), fc.option(headerText, { nil: undefined }), (value, date) => {
        const seconds = readRetryAfterSeconds(value, date);
        if (seconds !== undefined) expect(Number.isFinite(seconds) && seconds >= 0).toBe(true);
        readClaimsChallenge(value);
      }),
      { numRuns: 1000 },
    );
  });
});
