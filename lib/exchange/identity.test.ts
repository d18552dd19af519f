import { describe, expect, it } from "vitest";
import { sameIdentity } from "./identity";

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
