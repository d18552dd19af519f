import { describe, expect, it } from "vitest";
import { applyRightChange, splitAccessRows, type TAccessRow } from "./access-rows";

const row = (over: Partial<TAccessRow>): TAccessRow => ({ kind: "FullAccess", trustee: "x", displayName: "X", address: null, detail: "", explicit: true, ...over });
const SELF = row({ trustee: "NT AUTHORITY\\SELF", displayName: "NT AUTHORITY\\SELF", explicit: false });
const ALEX = row({ trustee: "AlexW@contoso.onmicrosoft.com", displayName: "Alex Wilber", address: "AlexW@contoso.onmicrosoft.com" });
const ADELE_CAL = row({ kind: "Calendar", trustee: "Adele Vance", displayName: "Adele Vance", address: "AdeleV@contoso.onmicrosoft.com", detail: "Reviewer" });

describe("the access page after a change, from its read-back", () => {
  it("adds a granted right among the people with access, in order, before the built-in entries", () => {
    const diego = row({ trustee: "DiegoS@contoso.onmicrosoft.com", displayName: "Diego Siciliani", address: "DiegoS@contoso.onmicrosoft.com" });
    expect(applyRightChange([ALEX, SELF], { row: diego, present: true })).toEqual([ALEX, diego, SELF]);
  });

  it("removes a right that is gone, matching the person by address however Exchange named them", () => {
    const gone = row({ kind: "Calendar", trustee: "adelev@contoso.onmicrosoft.com", displayName: "Adele Vance", address: "adelev@contoso.onmicrosoft.com" });
    expect(applyRightChange([ADELE_CAL, ALEX, SELF], { row: gone, present: false })).toEqual([ALEX, SELF]);
  });

  it("replaces a changed right (a new calendar role) instead of listing the person twice, and leaves their other kinds alone", () => {
    const adeleFull = row({ trustee: "AdeleV@contoso.onmicrosoft.com", displayName: "Adele Vance", address: "AdeleV@contoso.onmicrosoft.com" });
    const editor = { ...ADELE_CAL, trustee: "AdeleV@contoso.onmicrosoft.com", detail: "Editor (Delegate)" };
    expect(applyRightChange([adeleFull, ADELE_CAL, SELF], { row: editor, present: true })).toEqual([editor, adeleFull, SELF]);
  });

  it("never touches a built-in or inherited entry", () => {
    const inherited = row({ trustee: "AlexW@contoso.onmicrosoft.com", displayName: "Alex Wilber", explicit: false, detail: "inherited" });
    expect(applyRightChange([inherited], { row: ALEX, present: false })).toEqual([inherited]);
  });
});

describe("the access page's people and built-in entries", () => {
  it("keeps the people given a right apart from the built-in and inherited entries, each in the order given", () => {
    const admins = row({ trustee: "NAMPR01A001\\Domain Admins", displayName: "NAMPR01A001\\Domain Admins", explicit: false, detail: "inherited" });
    const calendarDefault = row({ kind: "Calendar", trustee: "Default", displayName: "Default", explicit: false, detail: "AvailabilityOnly" });
    expect(splitAccessRows([ALEX, ADELE_CAL, SELF, admins, calendarDefault])).toEqual({ people: [ALEX, ADELE_CAL], builtIn: [SELF, admins, calendarDefault] });
  });

  it("gives no people and no built-in entries for a mailbox with none", () => {
    expect(splitAccessRows([])).toEqual({ people: [], builtIn: [] });
  });
});
