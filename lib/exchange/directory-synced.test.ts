import { describe, expect, it } from "vitest";
import { parseExchangeError } from "./errors";

// Issue 14 point 9: Exchange words a write to a directory-synchronised object in the write-scope
// family ("…can't perform the save operation"). The person is told where to change it instead.
const SYNCED =
  "The operation on mailbox \"Lee Gu\" failed because it's out of the current user's write scope. The action 'Set-Mailbox', 'GrantSendOnBehalfTo', can't be performed on the object 'Lee Gu' because the object is being synchronized from your on-premises organization. This action should be performed on the object in your on-premises organization.";

function parse(text: string) {
  const body = JSON.stringify({ error: { code: "BadRequest", message: "Error executing cmdlet", details: [{ message: `ExC4D0E2|Microsoft.Exchange.Configuration.Tasks.TaskException|${text}` }] } });
  return parseExchangeError({ status: 400, headers: new Headers(), body, cmdlet: "Set-Mailbox" });
}

describe("a directory-synchronised mailbox", () => {
  it("is told apart from the write scope, in plain words", () => {
    const error = parse(SYNCED);
    expect(error.kind).toBe("out_of_scope"); // Exchange refused before changing anything
    expect(error.message).toMatch(/^This mailbox is managed in your on-premises Active Directory; change it there/);
    expect(error.message).not.toMatch(/write scope|outside the part of the organisation/);
    expect(error.exceptionClass).toBe("Microsoft.Exchange.Configuration.Tasks.TaskException");
  });

  it("while a real write-scope refusal still says so", () => {
    const error = parse("The operation on mailbox \"Megan Bowen\" failed because it's out of the current user's write scope. The object 'Megan Bowen' must be within the read scope before and after it's modified. Can't perform the save operation.");
    expect(error.message).toMatch(/^That mailbox is outside the part of the organisation your Exchange roles let you change/);
  });
});
