import { describe, expect, it } from "vitest";
import { ExchangeError, parseExchangeError } from "./errors";

const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

function parse(status: number, body: Uint8Array | string | null, headers: Record<string, string> = {}) {
  return parseExchangeError({ status, headers: new Headers({ "content-type": JSON_TYPE, ...headers }), body });
}

// The envelope Exchange uses, with details[0].message in "<ErrorId>|<ExceptionClass>|<text>" form.
function envelope(code: string, detailsMessage: string): string {
  return JSON.stringify({
    error: {
      code,
      message: "Error executing cmdlet",
      details: [{ code: "Client", target: "", message: detailsMessage }],
      innererror: {
        message: "Error executing cmdlet",
        type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
        stacktrace: "",
        internalexception: { message: detailsMessage.split("|")[2] ?? "", type: detailsMessage.split("|")[1] ?? "", stacktrace: "" },
      },
    },
  });
}

const NOT_FOUND_DETAILS =
  "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x@contoso.onmicrosoft.com' couldn't be found on 'XXXPR01A12DC007.PROD.OUTLOOK.COM'.";

describe("parseExchangeError: the documented envelope", () => {
  it("reads ErrorId, exception class and human text from details[0].message (404 NotFound)", () => {
    const error = parse(404, envelope("NotFound", NOT_FOUND_DETAILS), { "request-id": "7d1c0b52-0000-4000-8000-000000000001" });
    expect(error).toBeInstanceOf(ExchangeError);
    expect(error.kind).toBe("not_found");
    expect(error.status).toBe(404);
    expect(error.errorId).toBe("Ex6F9304");
    expect(error.exceptionClass).toBe("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException");
    expect(error.message).toBe("The operation couldn't be performed because object 'x@contoso.onmicrosoft.com' couldn't be found.");
    expect(error.exchangeRequestId).toBe("7d1c0b52-0000-4000-8000-000000000001");
  });

  it("maps ManagementObjectNotFoundException to not_found when a cmdlet answers 400", () => {
    const body = envelope("BadRequest", "Ex41BAF5|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The specified mailbox doesn't exist.");
    const error = parse(400, body);
    expect(error.kind).toBe("not_found");
    expect(error.message).toBe("The specified mailbox doesn't exist.");
  });

  it("maps ManagementObjectNotFoundException to not_found in the old 500 form", () => {
    const body = JSON.stringify({
      error: {
        code: "InternalServerError",
        message: "Error executing cmdlet",
        details: [{ code: "Client", target: "", message: NOT_FOUND_DETAILS }],
        innererror: { message: "Error executing cmdlet", type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException", stacktrace: " 357" },
      },
    });
    const error = parse(500, body);
    expect(error.kind).toBe("not_found");
    expect(error.errorId).toBe("Ex6F9304");
  });

  it("falls back to innererror.internalexception.message when there are no details (400 bad enum value)", () => {
    const body =
      '{"error":{"code":"BadRequest","message":"Invalid Operation","innererror":{"message":"Invalid Operation","type":"Microsoft.Exchange.Admin.OData.Core.ODataServiceException","stacktrace":"","internalexception":{"message":"Cannot process argument transformation on parameter \'AutoReplyState\'. Cannot convert value \\"Sometimes\\" to type \\"Microsoft.Exchange.Data.Storage.Management.OofState\\". Error: \\"Unable to match the identifier name Sometimes to a valid enumerator name. Specify one of the following enumerator names and try again: Disabled, Enabled, Scheduled\\"","type":"Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException","stacktrace":""}},"adminapi.warnings@odata.type":"#Collection(String)","@adminapi.warnings":[]}}';
    const error = parse(400, body);
    expect(error.kind).toBe("invalid_input");
    expect(error.exceptionClass).toBe("Microsoft.Exchange.AdminApi.CommandInvocation.ParameterTransformationException");
    expect(error.message).toContain("parameter 'AutoReplyState'");
    expect(error.message).toContain("Disabled, Enabled, Scheduled");
    expect(error.message).not.toBe("Invalid Operation");
  });

  it("reads an internalexception message that is itself in the pipe format", () => {
    const body = JSON.stringify({
      error: {
        code: "NotFound",
        message: "Error executing cmdlet",
        innererror: {
          message: "Error executing cmdlet",
          type: "Microsoft.Exchange.Admin.OData.Core.ODataServiceException",
          internalexception: { message: NOT_FOUND_DETAILS, type: "Microsoft.Exchange.AdminApi.CommandInvocation.CommandInvocationException" },
        },
      },
    });
    const error = parse(404, body);
    expect(error.kind).toBe("not_found");
    expect(error.errorId).toBe("Ex6F9304");
    expect(error.exceptionClass).toBe("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException");
    expect(error.message).not.toContain("|");
  });

  it("maps a 400 parameter error to invalid_input and names the parameter (empty ErrorId)", () => {
    const body =
      '{"error":{"code":"BadRequest","message":"Invalid Operation","details":[{"code":"Client","target":"","message":"|Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException|Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. AutoMaping"}],"innererror":{"message":"Invalid Operation","type":"Microsoft.Exchange.Admin.OData.Core.ODataServiceException","stacktrace":"","internalexception":{"message":"Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. AutoMaping","type":"Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException","stacktrace":""}}}}';
    const error = parse(400, body);
    expect(error.kind).toBe("invalid_input");
    expect(error.errorId).toBeUndefined();
    expect(error.exceptionClass).toBe("Microsoft.Exchange.AdminApi.CommandInvocation.AmbiguousParameterSetException");
    expect(error.message).toBe("Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. AutoMaping");
  });

  it("uses error.message for a 400 BadRequest that has nothing better", () => {
    const body = '{"error":{"code":"BadRequest","message":"The value of parameter \'ExternalAudience\' is not valid."}}';
    const error = parse(400, body);
    expect(error.kind).toBe("invalid_input");
    expect(error.message).toBe("The value of parameter 'ExternalAudience' is not valid.");
  });

  it("gives a plain default for a 400 whose only text is generic", () => {
    const error = parse(400, '{"error":{"code":"BadRequest","message":"Invalid Operation"}}');
    expect(error.kind).toBe("invalid_input");
    expect(error.message).toMatch(/refused a value/);
  });
});

describe("parseExchangeError: permission entries and scope", () => {
  it.each([
    ["UserAlreadyExistsInPermissionEntryException", "already_exists", "ExF9A0B7", "An existing permission entry was found for user: Megan Bowen."],
    ["UserNotFoundInPermissionEntryException", "entry_missing", "Ex3B4D1E", "There is no existing permission entry found for user: Megan Bowen."],
  ])("maps %s to %s", (exception, kind, errorId, text) => {
    const error = parse(400, envelope("BadRequest", `${errorId}|Microsoft.Exchange.Management.StoreTasks.${exception}|${text}`));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(text);
  });

  it("maps the write-scope text to out_of_scope (matched on the phrase, whatever the class)", () => {
    const text =
      "The operation on mailbox \"Finance Shared\" failed because it's out of the current user's write scope. The object 'Finance Shared' must be within the read scope before and after it's modified. Can't perform the save operation.";
    const error = parse(400, envelope("BadRequest", `Ex8A61C0|Microsoft.Exchange.Configuration.Tasks.TaskException|${text}`));
    expect(error.kind).toBe("out_of_scope");
    expect(error.message).toContain("outside the part of the organisation your Exchange roles let you change");
    expect(error.message).toContain(text);
  });

  it("recognises the write-scope text with a typographic apostrophe", () => {
    const text = "The operation on mailbox \"X\" failed because it’s out of the current user’s write scope.";
    expect(parse(403, envelope("Forbidden", `|Microsoft.Exchange.Data.Directory.ADScopeException|${text}`)).kind).toBe("out_of_scope");
  });
});

describe("parseExchangeError: RBAC and sign-in", () => {
  it("maps a 403 with an empty body to rbac_denied, keeping x-ms-diagnostics for the logs", () => {
    const error = parse(403, "", {
      "x-ms-diagnostics": '2000008;reason="The user does not have the role required to run Set-Mailbox.";error_category="insufficient_auth"',
    });
    expect(error.kind).toBe("rbac_denied");
    expect(error.message).toMatch(/^Your Exchange roles do not allow this; ask your Exchange administrator/);
    expect(error.diagnostics).toContain("2000008");
  });

  it("uses the plain role-refusal text for a 403 with no reason anywhere", () => {
    const error = parse(403, null);
    expect(error.kind).toBe("rbac_denied");
    expect(error.message).toMatch(/^Your Exchange roles do not allow this;/);
  });

  it("maps a 403 whose body is 4 KB of NULs to rbac_denied without leaking NULs", () => {
    const error = parse(403, new Uint8Array(4096));
    expect(error.kind).toBe("rbac_denied");
    expect(error.message).toMatch(/^Your Exchange roles do not allow this;/);
    expect(error.message.includes("\u0000")).toBe(false);
  });

  it("maps 401 to unauthorized and decodes a claims challenge", () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    const wwwAuthenticate = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${Buffer.from(claims).toString("base64")}"`;
    const error = parse(401, "", { "www-authenticate": wwwAuthenticate });
    expect(error.kind).toBe("unauthorized");
    expect(error.claimsChallenge).toBe(claims);
    expect(error.diagnostics).toBe(wwwAuthenticate);
    expect(error.message).toMatch(/Sign in again/);
  });

  it("maps a plain 401 (expired token) to unauthorized", () => {
    const error = parse(401, "", { "www-authenticate": 'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", trusted_issuers="00000001-0000-0000-c000-000000000000@*", token_types="app_asserted_user_v1 service_asserted_app_v1", error="invalid_token"' });
    expect(error.kind).toBe("unauthorized");
    expect(error.claimsChallenge).toBeUndefined();
  });
});

describe("parseExchangeError: throttling", () => {
  it("maps 429 with a decimal Retry-After to throttled", () => {
    const error = parse(429, "", { "retry-after": "2.5" });
    expect(error.kind).toBe("throttled");
    expect(error.retryAfterSeconds).toBe(2.5);
    expect(error.message).toBe("Exchange is busy (throttled). Try again in 3 seconds.");
  });

  it("says 1 second, not 1 seconds", () => {
    expect(parse(429, "", { "retry-after": "0.4" }).message).toBe("Exchange is busy (throttled). Try again in 1 second.");
  });

  it("maps the concurrent-requests body to throttled even without a 429", () => {
    const body = envelope(
      "InternalServerError",
      "|Microsoft.Exchange.Data.Storage.ServerBusyException|You have reached the maximum number of concurrent requests per tenant. Please wait and try again",
    );
    const error = parse(500, body, { "retry-after": "4" });
    expect(error.kind).toBe("throttled");
    expect(error.retryAfterSeconds).toBe(4);
    expect(error.message).toBe("Exchange is busy (throttled). Try again in 4 seconds.");
  });

  it("maps the concurrent-requests text sent as plain text", () => {
    const error = parse(503, "You have reached the maximum number of concurrent requests per tenant. Please wait and try again", {
      "content-type": "text/plain",
    });
    expect(error.kind).toBe("throttled");
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.message).toBe("Exchange is busy (throttled). Try again in a moment.");
  });

  it("accepts Retry-After as an HTTP date, measured from the response Date", () => {
    const error = parse(429, "", { date: "Wed, 21 Oct 2026 07:28:00 GMT", "retry-after": "Wed, 21 Oct 2026 07:28:30 GMT" });
    expect(error.retryAfterSeconds).toBe(30);
  });
});

describe("parseExchangeError: transient failures", () => {
  it.each([503, 504, 502])("maps an empty %i to transient", (status) => {
    const error = parse(status, "");
    expect(error.kind).toBe("transient");
    expect(error.status).toBe(status);
  });

  it("warns that a 504 write may have applied", () => {
    expect(parse(504, "").message).toMatch(/may or may not have been applied/);
  });

  it.each([
    ["DCOverloadedException", "Microsoft.Exchange.Data.Directory.DCOverloadedException", "The domain controller is overloaded."],
    ["SuitabilityDirectoryException", "Microsoft.Exchange.Data.Directory.SuitabilityDirectoryException", "No suitable domain controller was found."],
    ["ServerInMMException", "Microsoft.Exchange.Data.ServerInMMException", "The server is in maintenance mode."],
    ["ADServerSettingsChangedException", "Microsoft.Exchange.Data.Directory.ADServerSettingsChangedException", "The directory server settings changed."],
    ["StorageTransientException", "Microsoft.Exchange.Data.Storage.StorageTransientException", "Cannot open mailbox."],
  ])("maps details containing %s to transient", (_name, exceptionClass, text) => {
    const error = parse(500, envelope("InternalServerError", `Ex2C7E10|${exceptionClass}|${text}`));
    expect(error.kind).toBe("transient");
    expect(error.exceptionClass).toBe(exceptionClass);
    expect(error.message).toBe("Exchange is temporarily unavailable. Try again in a moment.");
  });
});

describe("parseExchangeError: bodies that cannot be read", () => {
  it("uses the status for an HTML gateway page and never shows the HTML", () => {
    const html = "<!DOCTYPE html><html><head><title>502 - Web server received an invalid response</title></head><body><h1>Server Error</h1></body></html>";
    const gateway = parse(502, html, { "content-type": "text/html" });
    expect(gateway.kind).toBe("transient");
    expect(gateway.message).not.toContain("<");
    const internal = parse(500, html, { "content-type": "text/html" });
    expect(internal.kind).toBe("unknown");
    expect(internal.message).toBe("Exchange returned an unexpected error (HTTP 500). Try again; if it keeps failing, contact an administrator.");
  });

  it("salvages a complete details message from truncated JSON", () => {
    const full = envelope("NotFound", NOT_FOUND_DETAILS);
    const truncated = full.slice(0, full.indexOf('"innererror"') + 30);
    expect(() => JSON.parse(truncated)).toThrow();
    const error = parse(404, truncated);
    expect(error.kind).toBe("not_found");
    expect(error.errorId).toBe("Ex6F9304");
    expect(error.message).toContain("couldn't be found");
  });

  it("still finds the exception class when the cut falls inside the details message", () => {
    const error = parse(404, envelope("NotFound", NOT_FOUND_DETAILS).slice(0, 250));
    expect(error.kind).toBe("not_found");
    expect(error.message).toMatch(/could not find that object/);
  });

  it("calls a 400 cut off before any message unreadable, not a refused value", () => {
    const error = parse(400, '{"error":{"code":"BadRequest","mess');
    expect(error.kind).toBe("unreadable");
    expect(error.message).not.toContain("{");
  });

  it("calls a 200 body that cannot be parsed unreadable", () => {
    const error = parse(200, '{"@odata.context":"https://outlook.office365.com/adminapi/beta/$metadata#Collection(Exchange.GenericHashTable)","value":[{"Ident');
    expect(error.kind).toBe("unreadable");
    expect(error.message).toMatch(/could not read/);
  });

  it("calls an empty 200 unreadable", () => {
    expect(parse(200, null).kind).toBe("unreadable");
  });

  it("reads a NUL-padded JSON error body", () => {
    const bytes = new TextEncoder().encode(`${envelope("NotFound", NOT_FOUND_DETAILS)}\u0000\u0000\u0000\u0000`);
    expect(parse(404, bytes).errorId).toBe("Ex6F9304");
  });

  it("decodes a UTF-16 body labelled by its charset", () => {
    const json = envelope("BadRequest", "Ex1|Microsoft.Exchange.Configuration.Tasks.TaskArgumentException|Der Wert für 'Identity' ist ungültig.");
    const bytes = new Uint8Array(Buffer.from(json, "utf16le"));
    const error = parseExchangeError({ status: 400, headers: new Headers({ "content-type": "application/json; charset=utf-16" }), body: bytes });
    expect(error.message).toBe("Der Wert für 'Identity' ist ungültig.");
  });

  it("keeps stack traces out of the message", () => {
    const body = JSON.stringify({
      error: {
        code: "InternalServerError",
        message: "Error executing cmdlet",
        innererror: {
          message: "Error executing cmdlet",
          internalexception: {
            message: "Object reference not set to an instance of an object.\r\n   at Microsoft.Exchange.Management.Foo.Bar()\r\n   at Baz()",
            type: "System.NullReferenceException",
          },
        },
      },
    });
    const error = parse(500, body);
    expect(error.kind).toBe("unknown");
    expect(error.message).toBe("Object reference not set to an instance of an object.");
  });

  it("never throws, whatever the bytes", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      const status = [0, 200, 302, 400, 401, 403, 404, 429, 500, 503][i % 10] ?? 500;
      const error = parseExchangeError({ status, headers: new Headers({ "content-type": "application/json; charset=bogus-charset" }), body: bytes });
      expect(error).toBeInstanceOf(ExchangeError);
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});
