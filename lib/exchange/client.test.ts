import { describe, expect, it } from "vitest";
import { invokeCommand, type ExchangeCall } from "./client";
import { ExchangeError } from "./errors";

const BASE = "https://outlook.office365.com";
const TENANT = "8e1d9b62-1a3c-4a0e-9f3b-2f0d5c7a4b10";
const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const CONTEXT = `${BASE}/adminapi/beta/$metadata#Collection(Exchange.GenericHashTable)`;
const INVOKE_URL = `${BASE}/adminapi/beta/${TENANT}/InvokeCommand`;
// These tests are about one answer each; retries have their own tests (retry.test.ts).
const NO_RETRY = { maxRetries: 0 };

type Sent = { url: string; init: RequestInit };
type Reply = Response | (() => Response | Promise<Response>);

function fakeFetch(replies: Reply[]): { fetchImpl: typeof fetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), init: init ?? {} });
    const reply = replies.shift();
    if (!reply) throw new Error("the fake fetch ran out of replies");
    return typeof reply === "function" ? reply() : reply;
  };
  return { fetchImpl, sent };
}

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const text = body === null ? null : typeof body === "string" ? body : JSON.stringify(body);
  return new Response(text, { status, headers: { "content-type": JSON_TYPE, ...headers } });
}

function call(overrides: Partial<ExchangeCall> = {}): ExchangeCall {
  return {
    baseUrl: BASE,
    tenantId: TENANT,
    accessToken: "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature",
    anchorUpn: "helpdesk@contoso.onmicrosoft.com",
    cmdlet: "Get-Mailbox",
    parameters: { Identity: "megan@contoso.onmicrosoft.com" },
    ...overrides,
  };
}

async function captureError(promise: Promise<unknown>): Promise<ExchangeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ExchangeError) return error;
    throw new Error(`expected an ExchangeError, got ${String(error)}`);
  }
  throw new Error("expected the call to fail");
}

function headersOf(sent: Sent | undefined): Record<string, string> {
  return (sent?.init.headers ?? {}) as Record<string, string>;
}

describe("invokeCommand: the request", () => {
  it("POSTs the documented URL, headers and body", async () => {
    const { fetchImpl, sent } = fakeFetch([reply(200, { "@odata.context": CONTEXT, value: [] })]);
    const result = await invokeCommand(
      call({
        cmdlet: "Set-MailboxAutoReplyConfiguration",
        parameters: { Identity: "megan@contoso.onmicrosoft.com", AutoReplyState: "Disabled", ExternalMessage: null },
        clientRequestId: "0f6b2c8e-4d2a-4c61-9a3e-5b7d1e9c2a40",
        fetchImpl,
      }),
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(INVOKE_URL);
    expect(sent[0]?.init.method).toBe("POST");
    expect(sent[0]?.init.redirect).toBe("manual");
    expect(headersOf(sent[0])).toEqual({
      Authorization: "Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.payload.signature",
      "Content-Type": "application/json",
      Accept: "application/json",
      "X-CmdletName": "Set-MailboxAutoReplyConfiguration",
      "X-ResponseFormat": "json",
      "X-AnchorMailbox": "UPN:helpdesk@contoso.onmicrosoft.com",
      "client-request-id": "0f6b2c8e-4d2a-4c61-9a3e-5b7d1e9c2a40",
      Prefer: "odata.maxpagesize=1000",
    });
    expect(JSON.parse(String(sent[0]?.init.body))).toEqual({
      CmdletInput: {
        CmdletName: "Set-MailboxAutoReplyConfiguration",
        Parameters: { Identity: "megan@contoso.onmicrosoft.com", AutoReplyState: "Disabled", ExternalMessage: null },
      },
    });
    expect(result).toEqual({ value: [], warnings: [], clientRequestId: "0f6b2c8e-4d2a-4c61-9a3e-5b7d1e9c2a40", exchangeRequestId: undefined });
  });

  it("adds $select, honours pageSize and tolerates a trailing slash on the base URL", async () => {
    const { fetchImpl, sent } = fakeFetch([reply(200, { value: [] })]);
    await invokeCommand(call({ baseUrl: `${BASE}/`, select: ["DisplayName", "PrimarySmtpAddress"], pageSize: 50, fetchImpl }));
    expect(sent[0]?.url).toBe(`${INVOKE_URL}?$select=DisplayName,PrimarySmtpAddress`);
    expect(headersOf(sent[0]).Prefer).toBe("odata.maxpagesize=50");
  });

  it("generates a client-request-id when none is given and returns it", async () => {
    const { fetchImpl, sent } = fakeFetch([reply(200, { value: [] }, { "request-id": "b5a2e0c4-0000-4000-8000-00000000000a" })]);
    const result = await invokeCommand(call({ fetchImpl }));
    expect(result.clientRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(headersOf(sent[0])["client-request-id"]).toBe(result.clientRequestId);
    expect(result.exchangeRequestId).toBe("b5a2e0c4-0000-4000-8000-00000000000a");
  });

  it("sends Date parameters as UTC yyyy-MM-ddTHH:mm:ss", async () => {
    const { fetchImpl, sent } = fakeFetch([reply(200, { value: [] })]);
    await invokeCommand(
      call({
        cmdlet: "Set-MailboxAutoReplyConfiguration",
        parameters: { AutoReplyState: "Scheduled", StartTime: new Date("2026-12-24T09:00:00+01:00"), EndTime: new Date("2027-01-02T17:30:15.250Z") },
        fetchImpl,
      }),
    );
    const body = JSON.parse(String(sent[0]?.init.body)) as { CmdletInput: { Parameters: Record<string, unknown> } };
    expect(body.CmdletInput.Parameters.StartTime).toBe("2026-12-24T08:00:00");
    expect(body.CmdletInput.Parameters.EndTime).toBe("2027-01-02T17:30:15");
  });

  it("refuses a cmdlet name that is not one, without calling Exchange", async () => {
    const { fetchImpl, sent } = fakeFetch([]);
    const error = await captureError(invokeCommand(call({ cmdlet: "Get-Mailbox\r\nX-Evil: 1", fetchImpl })));
    expect(error.kind).toBe("invalid_input");
    expect(sent).toHaveLength(0);
  });

  it("refuses a base URL that is not http(s)", async () => {
    const error = await captureError(invokeCommand(call({ baseUrl: "outlook.office365.com" })));
    expect(error.kind).toBe("unknown");
    expect(error.message).toMatch(/not a valid http\(s\) URL/);
  });
});

describe("invokeCommand: paging", () => {
  it("follows @odata.nextLink with a POST of the same body and headers, and returns every page", async () => {
    const nextLink = `${INVOKE_URL}?$skiptoken=eyJQYWdlIjoyfQ`;
    const { fetchImpl, sent } = fakeFetch([
      reply(
        200,
        {
          "@odata.context": CONTEXT,
          "@adminapi.warnings": ["Page one warning."],
          "@odata.nextLink": nextLink,
          value: [{ "@odata.type": "#Exchange.GenericHashTable", DisplayName: "Adele Vance", "RecipientTypeDetails@odata.type": "#String", RecipientTypeDetails: "UserMailbox" }],
        },
        { "request-id": "first-page-request" },
      ),
      reply(200, { "@odata.context": CONTEXT, "@adminapi.warnings": [{ message: "Page two warning." }, "Page one warning."], value: [{ DisplayName: "Megan Bowen" }] }, { "request-id": "second-page-request" }),
    ]);
    const result = await invokeCommand(call({ cmdlet: "Get-Recipient", parameters: { Anr: "meg" }, fetchImpl }));

    expect(sent.map((s) => s.url)).toEqual([INVOKE_URL, nextLink]);
    expect(sent[1]?.init.method).toBe("POST");
    expect(sent[1]?.init.body).toBe(sent[0]?.init.body);
    expect(headersOf(sent[1])).toEqual(headersOf(sent[0]));
    expect(headersOf(sent[1])["client-request-id"]).toBe(result.clientRequestId);
    expect(result.value).toEqual([{ DisplayName: "Adele Vance", RecipientTypeDetails: "UserMailbox" }, { DisplayName: "Megan Bowen" }]);
    expect(result.warnings).toEqual(["Page one warning.", "Page two warning."]);
    expect(result.exchangeRequestId).toBe("first-page-request");
  });

  it("refuses a nextLink on another host without sending the token there", async () => {
    const { fetchImpl, sent } = fakeFetch([
      reply(200, { "@odata.nextLink": "https://attacker.example/adminapi/beta/x/InvokeCommand?$skiptoken=1", value: [{ Name: "a" }] }),
    ]);
    const error = await captureError(invokeCommand(call({ fetchImpl, clientRequestId: "c0ffee00-0000-4000-8000-000000000001" })));
    expect(error.kind).toBe("unreadable");
    expect(error.message).toContain("attacker.example");
    expect(error.clientRequestId).toBe("c0ffee00-0000-4000-8000-000000000001");
    expect(sent).toHaveLength(1);
    expect(sent.some((s) => s.url.includes("attacker.example"))).toBe(false);
  });

  it.each([
    ["another scheme", "http://outlook.office365.com/adminapi/beta/x/InvokeCommand?$skiptoken=1"],
    ["another port", "https://outlook.office365.com:8443/adminapi/beta/x/InvokeCommand?$skiptoken=1"],
    ["a look-alike host", "https://outlook.office365.com.attacker.example/adminapi/beta/x/InvokeCommand"],
  ])("refuses a nextLink with %s", async (_label, nextLink) => {
    const { fetchImpl, sent } = fakeFetch([reply(200, { "@odata.nextLink": nextLink, value: [] })]);
    expect((await captureError(invokeCommand(call({ fetchImpl })))).kind).toBe("unreadable");
    expect(sent).toHaveLength(1);
  });

  it("fails the whole call when a later page fails (no short list)", async () => {
    const { fetchImpl, sent } = fakeFetch([
      reply(200, { "@odata.nextLink": `${INVOKE_URL}?$skiptoken=2`, value: [{ Name: "a" }] }),
      reply(503, ""),
    ]);
    const error = await captureError(invokeCommand(call({ fetchImpl, clientRequestId: "c0ffee00-0000-4000-8000-000000000002", retry: NO_RETRY })));
    expect(error.kind).toBe("transient");
    expect(error.status).toBe(503);
    expect(error.clientRequestId).toBe("c0ffee00-0000-4000-8000-000000000002");
    expect(sent).toHaveLength(2);
  });

  it("stops when Exchange repeats the same next link", async () => {
    const loop = `${INVOKE_URL}?$skiptoken=same`;
    const { fetchImpl, sent } = fakeFetch([
      reply(200, { "@odata.nextLink": loop, value: [{ Name: "a" }] }),
      reply(200, { "@odata.nextLink": loop, value: [{ Name: "b" }] }),
    ]);
    expect((await captureError(invokeCommand(call({ fetchImpl })))).kind).toBe("unreadable");
    expect(sent).toHaveLength(2);
  });
});

describe("invokeCommand: failures", () => {
  it("throws the parsed error with the call's client-request-id", async () => {
    const body = {
      error: {
        code: "NotFound",
        message: "Error executing cmdlet",
        details: [
          {
            code: "Client",
            target: "",
            message:
              "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x@contoso.onmicrosoft.com' couldn't be found on 'XXXPR01A12DC007.PROD.OUTLOOK.COM'.",
          },
        ],
      },
    };
    const { fetchImpl } = fakeFetch([reply(404, body, { "request-id": "r-404" })]);
    const error = await captureError(invokeCommand(call({ fetchImpl, clientRequestId: "c0ffee00-0000-4000-8000-000000000003" })));
    expect(error.kind).toBe("not_found");
    expect(error.clientRequestId).toBe("c0ffee00-0000-4000-8000-000000000003");
    expect(error.exchangeRequestId).toBe("r-404");
  });

  it("turns a network failure into a transient error with a plain message", async () => {
    const fetchImpl: typeof fetch = async () => {
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }) });
    };
    const error = await captureError(invokeCommand(call({ fetchImpl, retry: NO_RETRY })));
    expect(error.kind).toBe("transient");
    expect(error.message).toBe("ExoDesk could not reach Exchange Online. Check the network connection and try again in a moment.");
    expect(error.diagnostics).toContain("ECONNREFUSED");
  });

  it("times out even when the fetch ignores its signal", async () => {
    const fetchImpl: typeof fetch = () => new Promise<Response>(() => undefined);
    const error = await captureError(invokeCommand(call({ fetchImpl, timeoutMs: 30, retry: NO_RETRY })));
    expect(error.kind).toBe("transient");
    expect(error.message).toMatch(/did not answer within 0\.03 seconds/);
    expect(error.message).toMatch(/check the current state/);
  });

  it("times out a body that never finishes", async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"value":[')) });
    const { fetchImpl } = fakeFetch([new Response(stalled, { status: 200, headers: { "content-type": JSON_TYPE } })]);
    expect((await captureError(invokeCommand(call({ fetchImpl, timeoutMs: 30, retry: NO_RETRY })))).diagnostics).toBe("timeout");
  });

  it("reports a caller's cancellation", async () => {
    const controller = new AbortController();
    const fetchImpl: typeof fetch = () => new Promise<Response>(() => undefined);
    const pending = captureError(invokeCommand(call({ fetchImpl, signal: controller.signal })));
    controller.abort();
    const error = await pending;
    expect(error.kind).toBe("transient");
    expect(error.message).toMatch(/cancelled/);
  });

  it.each([
    ["HTML", "<html><head><title>Sign in to your account</title></head></html>"],
    ["truncated JSON", '{"@odata.context":"x","value":[{"Identity":"Meg'],
    ["an empty body", ""],
  ])("calls a 200 with %s unreadable", async (_label, body) => {
    const { fetchImpl } = fakeFetch([reply(200, body)]);
    const error = await captureError(invokeCommand(call({ fetchImpl, retry: { maxRetries: 0 } })));
    expect(error.kind).toBe("unreadable");
    expect(error.status).toBe(200);
  });

  it("accepts 204 No Content as no output", async () => {
    const { fetchImpl } = fakeFetch([new Response(null, { status: 204 })]);
    expect((await invokeCommand(call({ fetchImpl }))).value).toEqual([]);
  });

  it("wraps anything unexpected from fetch into an ExchangeError", async () => {
    const fetchImpl = (async () => ({ status: 200 })) as unknown as typeof fetch;
    const error = await captureError(invokeCommand(call({ fetchImpl })));
    expect(error).toBeInstanceOf(ExchangeError);
  });
});
