import { describe, expect, it } from "vitest";
import { invokeCommand } from "./client";
import { ExchangeError, parseReportedErrors } from "./errors";
import { parseSuccessBody } from "./response";

// Issue 14 point 3: entries in "@adminapi.errors" of a 200 are errors (the module writes each
// and fails the call); and the "more results" warning of a page with a next link is dropped.
const JSON_TYPE = "application/json;odata.metadata=minimal;charset=utf-8";
const CONTEXT = "https://outlook.office365.com/adminapi/beta/t/$metadata#Collection(Exchange.GenericHashTable)";
const MORE = "There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.";

describe("@adminapi.errors in a successful answer", () => {
  it("are read as text, whatever each entry looks like", () => {
    const page = parseSuccessBody(
      JSON.stringify({
        "@odata.context": CONTEXT,
        "@adminapi.errors": ["Ex1|Microsoft.Exchange.Configuration.Tasks.TaskException|The mailbox is on litigation hold.", { message: "Second problem." }, { ClassName: "X.YException", Message: "Third." }],
        value: [],
      }),
    );
    expect(page?.errors).toHaveLength(3);
    expect(page?.errors[1]).toBe("Second problem.");
  });

  it("become an ExchangeError carrying Exchange's text (kind unknown: a write may have changed something)", () => {
    const error = parseReportedErrors(["Ex1|Microsoft.Exchange.Configuration.Tasks.TaskException|The mailbox is on litigation hold."], { cmdlet: "Set-Mailbox" });
    expect(error.kind).toBe("unknown");
    expect(error.status).toBe(200);
    expect(error.message).toBe("Exchange reported an error while running Set-Mailbox: The mailbox is on litigation hold.");
    expect(error.exceptionClass).toBe("Microsoft.Exchange.Configuration.Tasks.TaskException");
  });

  it("keep their meaning when the text says more (a role refusal, a missing object)", () => {
    expect(parseReportedErrors(["|System.Management.Automation.CommandNotFoundException|The term 'Set-Mailbox' is not recognized as the name of a cmdlet"]).kind).toBe("rbac_denied");
    expect(parseReportedErrors(["Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found."]).kind).toBe("not_found");
  });

  it("fail a read instead of returning a short list", async () => {
    const fetchImpl: typeof fetch = async () =>
      new Response(JSON.stringify({ "@odata.context": CONTEXT, "@adminapi.errors": ["Ex2|Some.Exception|Reading one of the entries failed."], value: [{ User: "a" }] }), {
        status: 200,
        headers: { "content-type": JSON_TYPE },
      });
    const error = await invokeCommand({
      baseUrl: "https://outlook.office365.com",
      tenantId: "t",
      accessToken: "token",
      anchorUpn: "helpdesk@contoso.onmicrosoft.com",
      cmdlet: "Get-MailboxPermission",
      parameters: { Identity: "megan" },
      fetchImpl,
      retry: { maxRetries: 0 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExchangeError);
    expect((error as ExchangeError).message).toContain("Reading one of the entries failed.");
    expect((error as ExchangeError).clientRequestId).toBeDefined();
  });
});

describe("the 'more results' warning on paged reads", () => {
  it("is dropped from a page that has a next link", () => {
    const page = parseSuccessBody(JSON.stringify({ "@odata.context": CONTEXT, "@adminapi.warnings": [MORE, "Other warning."], "@odata.nextLink": "https://outlook.office365.com/next", value: [] }));
    expect(page?.warnings).toEqual(["Other warning."]);
  });

  it("is kept on a page without one (the list really is cut short)", () => {
    const page = parseSuccessBody(JSON.stringify({ "@odata.context": CONTEXT, "@adminapi.warnings": [MORE], value: [] }));
    expect(page?.warnings).toEqual([MORE]);
  });
});
