import { describe, expect, it } from "vitest";
import { readErrorBody } from "./error-body";
import { parseExchangeError } from "./errors";

// Issue 14 point 8: details[0].message may be a serialised exception object, which the module
// parses itself. It must give the same typed error and human text as the piped form.
const NOT_FOUND_CLASS = "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException";
const TEXT = "The operation couldn't be performed because object 'x@contoso.onmicrosoft.com' couldn't be found on 'XXXPR01A12DC007.PROD.OUTLOOK.COM'.";

function envelope(detailsMessage: string): string {
  return JSON.stringify({ error: { code: "NotFound", message: "Error executing cmdlet", details: [{ code: "Client", target: "", message: detailsMessage }] } });
}

const serialised = (fields: Record<string, unknown>) =>
  JSON.stringify({ ClassName: NOT_FOUND_CLASS, Data: null, InnerException: null, HelpURL: null, StackTraceString: "   at Microsoft.Exchange…", HResult: -2146233087, Source: "Microsoft.Exchange.Configuration.ObjectModel", ...fields });

describe("a serialised exception in details[0].message", () => {
  it("reads like the piped form: same kind, class and text", () => {
    const piped = parseExchangeError({ status: 404, headers: new Headers(), body: envelope(`Ex6F9304|${NOT_FOUND_CLASS}|${TEXT}`) });
    const object = parseExchangeError({ status: 404, headers: new Headers(), body: envelope(serialised({ Message: TEXT, localizedString: { stringId: "ErrorManagementObjectNotFound" } })) });
    expect(object.kind).toBe("not_found");
    expect(object.exceptionClass).toBe(NOT_FOUND_CLASS);
    expect(object.message).toBe(piped.message);
    expect(object.message).not.toContain("{");
  });

  it("takes the text from localizedString or an inner exception when Message is missing", () => {
    expect(readErrorBody(envelope(serialised({ localizedString: { stringId: "X", LocalizedString: "From the localized string." } }))).text).toBe("From the localized string.");
    expect(readErrorBody(envelope(serialised({ InnerException: { ClassName: "Inner", Message: "From the inner exception." } }))).text).toBe("From the inner exception.");
  });

  it("reads a serialised exception behind an ErrorId and class prefix", () => {
    const facts = readErrorBody(envelope(`Ex1|Wrapper|${serialised({ Message: "Wrapped text." })}`));
    expect(facts).toMatchObject({ errorId: "Ex1", exceptionClass: NOT_FOUND_CLASS, text: "Wrapped text." });
  });

  it("leaves ordinary JSON-looking text alone when it is no exception", () => {
    expect(readErrorBody(envelope("{not json at all")).text).toBe("{not json at all");
  });
});
