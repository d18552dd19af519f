import { describe, expect, it } from "vitest";
import { diffStates } from "./diff-state";

describe("diffStates", () => {
  it("names each changed field with its value before and after", () => {
    const before = { autoReplyState: "Disabled", internalMessage: "", externalAudience: "None" };
    const after = { autoReplyState: "Enabled", internalMessage: "<p>Away</p>", externalAudience: "None" };
    expect(diffStates(before, after)).toEqual([
      { path: "autoReplyState", before: "Disabled", after: "Enabled" },
      { path: "internalMessage", before: "", after: "<p>Away</p>" },
    ]);
  });

  it("shows added and removed list entries as appearing from or going to nothing", () => {
    const before = { trustees: ["a@contoso.com"] };
    const after = { trustees: ["a@contoso.com", "b@contoso.com"] };
    expect(diffStates(before, after)).toEqual([{ path: "trustees[1]", before: null, after: "b@contoso.com" }]);
    expect(diffStates(after, { trustees: [] })).toEqual([
      { path: "trustees[0]", before: "a@contoso.com", after: null },
      { path: "trustees[1]", before: "b@contoso.com", after: null },
      { path: "trustees", before: null, after: "(none)" },
    ]);
  });

  it("reports nothing for equal states and handles a state that was not read", () => {
    expect(diffStates({ a: 1, b: [true] }, { a: 1, b: [true] })).toEqual([]);
    expect(diffStates(null, { a: 1 })).toEqual([
      { path: "(value)", before: "(not set)", after: null },
      { path: "a", before: null, after: "1" },
    ]);
  });
});
