import { describe, expect, it } from "vitest";
import { findAction } from "./catalogue";
import { RIGHT_ACTIONS, removalActionOf, removedKindOf, rightEndKey, rightKindOf } from "./right-kinds";

describe("the kinds of right and their actions", () => {
  it("names only actions of the catalogue", () => {
    for (const { grant, remove } of Object.values(RIGHT_ACTIONS)) {
      expect(findAction(grant)).not.toBeNull();
      expect(findAction(remove)).not.toBeNull();
    }
  });

  it("finds a grant's removal, and the kind of a grant or a removal", () => {
    expect(removalActionOf("calendar.set")).toBe("calendar.remove");
    expect(removalActionOf("send-as.grant")).toBe("send-as.remove");
    expect(removalActionOf("send-as.remove")).toBeNull();
    expect(removalActionOf("auto-reply.set")).toBeNull();
    expect(rightKindOf("send-on-behalf.grant")).toBe("SendOnBehalf");
    expect(rightKindOf("full-access.remove")).toBe("FullAccess");
    expect(rightKindOf("auto-reply.set")).toBeNull();
    expect(removedKindOf("calendar.remove")).toBe("Calendar");
    expect(removedKindOf("calendar.set")).toBeNull();
  });

  it("keys an end the same however the addresses are spelt", () => {
    expect(rightEndKey("Megan.Bowen@contoso.com", "FullAccess", "Christie@contoso.com")).toBe(rightEndKey("megan.bowen@contoso.com", "FullAccess", "CHRISTIE@contoso.com"));
    expect(rightEndKey("megan@contoso.com", "SendAs", "christie@contoso.com")).not.toBe(rightEndKey("megan@contoso.com", "SendOnBehalf", "christie@contoso.com"));
  });
});
