import { describe, expect, it } from "vitest";
import { bulkListError, FIELD_LIMITS, lengthErrors, MAX_BULK_ROWS } from "./limits";

describe("length limits", () => {
  it("name every over-long field with its own plain message and pass the rest", () => {
    expect(
      lengthErrors({
        reason: "r".repeat(900_000),
        identity: "x".repeat(100_000),
        trustee: "alex.wilber@contoso.onmicrosoft.com",
        internalMessage: "m".repeat(1_200_000),
        externalMessage: "<p>fine</p>",
        unknownField: "u".repeat(10_000_000),
      }),
    ).toEqual({
      reason: ["Keep the reason under 500 characters."],
      identity: ["A mailbox is named by at most 320 characters. Choose it from the suggestions or paste its address."],
      internalMessage: ["Keep the message under 64 KB."],
    });
  });

  it("allow a value of exactly the limit", () => {
    const exactly = Object.fromEntries(Object.entries(FIELD_LIMITS).map(([k, { max }]) => [k, "a".repeat(max)]));
    expect(lengthErrors(exactly)).toEqual({});
  });
});

describe("a bulk list", () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@contoso.onmicrosoft.com`).join("\n");

  it("of 100,000 rows under 1 MB is refused for its rows", () => {
    // 100k short addresses: under the size limit.
    const text = Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}@c.io`).join("\n");
    expect(new TextEncoder().encode(text).length).toBeLessThan(1_000_000);
    expect(bulkListError(text)).toBe(`The list has 100000 lines; one bulk change takes at most ${MAX_BULK_ROWS} mailboxes. Split it.`);
  });

  it("of 5000 rows and a header is fine", () => {
    expect(bulkListError(`Address\n${rows(5000)}`)).toBeNull();
  });

  it("over 1 MB is refused for its size, counted in UTF-8 bytes", () => {
    expect(bulkListError("a".repeat(1_000_001))).toMatch(/larger than 1 MB/);
    // 400,000 characters of three bytes each.
    expect(bulkListError("€".repeat(400_000))).toMatch(/larger than 1 MB \(1\.2 MB\)/);
  });

  it("that is not text is refused as such", () => {
    const binary = new TextDecoder().decode(Uint8Array.from({ length: 900_000 }, (_, i) => (i * 7919) % 256));
    expect(bulkListError(binary)).toMatch(/not plain text/);
    expect(bulkListError("a@b.com\u0000")).toMatch(/not plain text/);
  });
});
