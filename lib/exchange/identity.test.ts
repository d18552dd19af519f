import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseIdentity, sameIdentity } from "./identity";

describe("sameIdentity", () => {
  it("compares UPNs, SMTP addresses and aliases case-insensitively, ignoring surrounding spaces", () => {
    expect(sameIdentity("MeganB@Contoso.OnMicrosoft.com", "meganb@contoso.onmicrosoft.com")).toBe(true);
    expect(sameIdentity(" meganb ", "MEGANB")).toBe(true);
  });

  it("tells different identities apart", () => {
    expect(sameIdentity("meganb@contoso.com", "megan@contoso.com")).toBe(false);
    expect(sameIdentity("meganb", "meganb@contoso.com")).toBe(false);
  });

  it("never matches blanks", () => {
    expect(sameIdentity("", "")).toBe(false);
    expect(sameIdentity("  ", "")).toBe(false);
  });

  it("treats composed and decomposed accents as the same", () => {
    expect(sameIdentity("Zoë@contoso.com", "Zoe\u0308@contoso.com")).toBe(true);
  });
});

describe("normaliseIdentity", () => {
  it("stores one spelling for every way an address is typed", () => {
    expect(normaliseIdentity("  MeganB@Contoso.com\t")).toBe("meganb@contoso.com");
    // Decomposed ë (e + U+0308) becomes the composed U+00EB.
    expect(normaliseIdentity(" Zoe\u0308@Contoso.com ")).toBe("zo\u00eb@contoso.com");
  });

  // Arbitrary text, with the spellings that differ only in case, spaces and composition mixed in.
  const spelling = fc.oneof(
    fc.string({ unit: "grapheme-composite" }),
    fc.string({ unit: "binary" }),
    fc.constantFrom("Zoë@Contoso.com", "Zoe\u0308@contoso.com", " ZOË@CONTOSO.COM ", "İstanbul@x.com", "ΣΊΣΥΦΟΣ@x.gr", "ﬃ@x.com"),
  );

  it("is idempotent: a stored value looked up again finds itself", () => {
    fc.assert(
      fc.property(spelling, (value) => {
        expect(normaliseIdentity(normaliseIdentity(value))).toBe(normaliseIdentity(value));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with sameIdentity: two non-blank values are the same identity exactly when their normal forms are equal", () => {
    fc.assert(
      // Half the pairs are one value and a re-typed copy of it, so matches are common.
      fc.property(spelling, spelling, fc.boolean(), (a, b, retyped) => {
        const other = retyped ? ` ${a.normalize("NFD")}\n` : b;
        const left = normaliseIdentity(a);
        expect(sameIdentity(a, other)).toBe(left !== "" && left === normaliseIdentity(other));
      }),
      { numRuns: 2000 },
    );
  });
});
