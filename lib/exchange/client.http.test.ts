import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { localHttpServer } from "../../tests/support/local-http-server";
import { VirtualClock } from "../../tests/support/virtual-clock";
import { invokeCommand } from "./client";
import { ExchangeError } from "./errors";

// The same client against a real HTTP server and Node's own fetch (undici), for the failures a
// fake fetch cannot reproduce: bodies fetch rejects while decoding, redirects, raw bytes. The
// retries between attempts wait on a virtual clock: what is tested is what goes over the wire.
type Seen = { url: string; headers: IncomingMessage["headers"]; body: string };
const seen: Seen[] = [];

function route(req: IncomingMessage, res: ServerResponse, body: string): void {
  seen.push({ url: req.url ?? "", headers: req.headers, body });
  const scenario = (req.headers["x-cmdletname"] as string | undefined) ?? "";
  const json = { "Content-Type": "application/json; charset=utf-8" };
  switch (scenario) {
    case "Get-FakeGzipOk":
      res.writeHead(200, { ...json, "Content-Encoding": "gzip" }).end('{"value":[]}');
      return;
    case "Get-FakeGzipError":
      res.writeHead(500, { ...json, "Content-Encoding": "gzip" }).end('{"error":{"code":"InternalServerError"}}');
      return;
    case "Get-NulForbidden":
      res.writeHead(403, { "x-ms-diagnostics": '2000008;reason="Insufficient access rights to perform the operation.";error_category="invalid_user"' });
      res.end(Buffer.alloc(4096));
      return;
    case "Get-Redirect":
      res.writeHead(302, { Location: `${server.baseUrl}/elsewhere` }).end();
      return;
    case "Get-Paged":
      if (req.url?.includes("$skiptoken=2")) {
        res.writeHead(200, json).end(JSON.stringify({ value: [{ Name: "second" }] }));
      } else {
        res.writeHead(200, json).end(JSON.stringify({ "@odata.nextLink": `${server.baseUrl}/adminapi/beta/t1/InvokeCommand?$skiptoken=2`, value: [{ Name: "first" }] }));
      }
      return;
    default:
      res.writeHead(404).end();
  }
}

const server = localHttpServer(route);

function run(cmdlet: string) {
  return invokeCommand({ baseUrl: server.baseUrl, tenantId: "t1", accessToken: "token-abc", anchorUpn: "helpdesk@contoso.onmicrosoft.com", cmdlet, parameters: {}, clock: new VirtualClock() });
}

async function failureOf(cmdlet: string): Promise<ExchangeError> {
  const error: unknown = await run(cmdlet).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExchangeError)) throw new Error(`expected an ExchangeError, got ${String(error)}`);
  return error;
}

describe("invokeCommand over real HTTP", () => {
  it("calls a 200 falsely labelled gzip unreadable", async () => {
    const error = await failureOf("Get-FakeGzipOk");
    expect(error.kind).toBe("unreadable");
    expect(error.status).toBe(200);
  });

  it("types a 500 falsely labelled gzip by its status", async () => {
    const error = await failureOf("Get-FakeGzipError");
    expect(error.kind).toBe("unknown");
    expect(error.status).toBe(500);
  });

  it("reads a NUL-padded 403 as rbac_denied", async () => {
    const error = await failureOf("Get-NulForbidden");
    expect(error.kind).toBe("rbac_denied");
    // The body names nothing; the message names the cmdlet that was asked for.
    expect(error.message).toMatch(/^Your Exchange roles do not allow running Get-NulForbidden; ask your Exchange administrator/);
  });

  it("does not follow redirects", async () => {
    const before = seen.length;
    const error = await failureOf("Get-Redirect");
    expect(error.status).toBe(302);
    expect(seen.length - before).toBe(1);
  });

  it("pages with the same client-request-id and token on the wire", async () => {
    const before = seen.length;
    const result = await run("Get-Paged");
    const requests = seen.slice(before);
    expect(result.value).toEqual([{ Name: "first" }, { Name: "second" }]);
    expect(requests.map((r) => r.url)).toEqual(["/adminapi/beta/t1/InvokeCommand", "/adminapi/beta/t1/InvokeCommand?$skiptoken=2"]);
    expect(requests.map((r) => r.headers["client-request-id"])).toEqual([result.clientRequestId, result.clientRequestId]);
    expect(requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-abc", "Bearer token-abc"]);
    expect(requests.map((r) => r.headers["x-anchormailbox"])).toEqual(["UPN:helpdesk@contoso.onmicrosoft.com", "UPN:helpdesk@contoso.onmicrosoft.com"]);
    expect(requests[1]?.body).toBe('{"CmdletInput":{"CmdletName":"Get-Paged","Parameters":{}}}');
  });
});
