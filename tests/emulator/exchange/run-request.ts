import type { EmulatorContext } from "../context";
import type { DirectoryUser } from "../tenant/model";
import { CmdletError, cmdletErrors, serialiseDetails } from "./cmdlet-errors";
import { findCmdlet } from "./cmdlets/registry";
import { ConfirmationRequested } from "./confirm";
import { parseSelect, project } from "./odata";
import { bindParameters } from "./parameters";
import { parametersKey, type Row } from "./paging";
import { canRun, roleRefusal } from "./rbac";
import { badRequest, errorReply, successBody } from "./replies";

export type ParsedBody =
  | { ok: true; cmdlet: string; parameters: Record<string, unknown> }
  | { ok: false; message: string };

export function parseInvokeBody(raw: Buffer): ParsedBody {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { ok: false, message: "The request body is not valid JSON." };
  }
  const input = (json as { CmdletInput?: { CmdletName?: unknown; Parameters?: unknown } } | null)?.CmdletInput;
  if (!input || typeof input.CmdletName !== "string" || input.CmdletName.trim() === "") {
    return { ok: false, message: "The request body must contain CmdletInput with a CmdletName." };
  }
  const parameters = input.Parameters ?? {};
  if (typeof parameters !== "object" || parameters === null || Array.isArray(parameters)) {
    return { ok: false, message: "CmdletInput.Parameters must be an object." };
  }
  return { ok: true, cmdlet: input.CmdletName.trim(), parameters: parameters as Record<string, unknown> };
}

export type RunOutcome = {
  status: number;
  body: unknown | undefined; // undefined: empty body (or `raw`)
  raw?: Buffer; // a body that is not JSON (a 403 of NUL bytes)
  headers: Record<string, string>;
  cmdlet: string; // canonical name when known
  warnings: string[];
};

export type RunRequest = {
  ctx: EmulatorContext;
  caller: DirectoryUser;
  body: Extract<ParsedBody, { ok: true }>;
  url: URL;
  tenantSegment: string;
  pageSize: number;
};

export function runInvokeCommand(r: RunRequest): RunOutcome {
  const { ctx, caller, body, url } = r;
  const found = findCmdlet(body.cmdlet);
  if (found.kind === "unknown") return fromError(ctx, cmdletErrors.commandNotFound(body.cmdlet), body.cmdlet);
  const cmdlet = found.cmdlet;
  if (!canRun(caller, cmdlet.name)) {
    const refusal = roleRefusal(ctx.state.quirks.roleRefusal, caller, cmdlet.name);
    return { ...refusal, body: withDetailsForm(ctx, refusal.body), cmdlet: cmdlet.name, warnings: [] };
  }
  const now = ctx.state.clock.now();
  const key = parametersKey(body.parameters);
  const skipToken = url.searchParams.get("$skiptoken");
  let rows: Row[];
  let offset = 0;
  let warnings: string[];
  if (skipToken !== null) {
    const page = ctx.state.pages.find(skipToken, { cmdlet: cmdlet.name, parametersKey: key, oid: caller.oid }, now);
    if (!page.ok) {
      const text =
        page.reason === "mismatch"
          ? "The request does not match the request that returned this @odata.nextLink: send the same body again."
          : "The $skiptoken is invalid or has expired. Run the command again from the first page.";
      const reply = badRequest(text);
      return { status: reply.status, body: reply.body, headers: {}, cmdlet: cmdlet.name, warnings: [] };
    }
    ({ rows, offset } = page);
    warnings = [];
  } else {
    try {
      const result = cmdlet.run({ ctx, caller, params: bindParameters(cmdlet.parameters, body.parameters) });
      rows = result.rows;
      warnings = result.warnings;
    } catch (e) {
      if (e instanceof CmdletError) return fromError(ctx, e, cmdlet.name);
      if (e instanceof ConfirmationRequested) {
        const body = { ...successBody({ baseUrl: ctx.baseUrl, tenantSegment: r.tenantSegment, warnings: [], nextLink: undefined, rows: [] }), "@adminapi.confirmationmessage": e.message };
        return { status: 200, body, headers: {}, cmdlet: cmdlet.name, warnings: [] };
      }
      throw e;
    }
  }
  const end = offset + r.pageSize;
  let nextLink: string | undefined;
  if (rows.length > end) {
    const token = ctx.state.pages.save({ cmdlet: cmdlet.name, parametersKey: key, oid: caller.oid, rows, offset: end, warnings }, now);
    const next = new URL(`${ctx.baseUrl}/adminapi/beta/${r.tenantSegment}/InvokeCommand`);
    next.searchParams.set("$skiptoken", token);
    const select = url.searchParams.get("$select");
    if (select !== null) next.searchParams.set("$select", select);
    nextLink = next.toString();
  }
  const select = parseSelect(url);
  const pageRows = rows.slice(offset, end).map((row) => project(row, select));
  return {
    status: 200,
    body: successBody({ baseUrl: ctx.baseUrl, tenantSegment: r.tenantSegment, warnings, nextLink, rows: pageRows }),
    headers: {},
    cmdlet: cmdlet.name,
    warnings,
  };
}

function fromError(ctx: EmulatorContext, e: CmdletError, cmdlet: string): RunOutcome {
  const reply = errorReply(e);
  return { status: reply.status, body: withDetailsForm(ctx, reply.body), headers: {}, cmdlet, warnings: [] };
}

function withDetailsForm(ctx: EmulatorContext, body: unknown): unknown {
  return body !== undefined && ctx.state.quirks.errorDetails === "serialised" ? serialiseDetails(body) : body;
}
