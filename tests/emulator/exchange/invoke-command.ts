import { setTimeout as sleep } from "node:timers/promises";
import type { EmulatorContext } from "../context";
import { headerValue, readBody, send, type Req, type Res } from "../http";
import { newGuid } from "../ids";
import { matchesTenant, type DirectoryUser } from "../tenant/model";
import type { CallRecord } from "./call-log";
import { mangle, reportedErrorReply, serverErrorReply, throttleReply, type Reply } from "./fault-replies";
import type { FaultSpec } from "./faults";
import { snapshotTarget } from "./mutation";
import { readPageSize } from "./paging";
import { badRequest, ODATA_CONTENT_TYPE } from "./replies";
import { parseInvokeBody, runInvokeCommand, type ParsedBody } from "./run-request";
import { validateBearer, wwwAuthenticate } from "./validate-token";

// POST /adminapi/{version}/{tenant}/InvokeCommand
export async function handleInvokeCommand(ctx: EmulatorContext, req: Req, res: Res, url: URL, version: string, tenantSegment: string): Promise<void> {
  const requestId = newGuid();
  const clientRequestId = headerValue(req, "client-request-id") ?? null;
  const headers: Record<string, string> = {
    "request-id": requestId,
    "Cache-Control": "no-cache",
    ...(clientRequestId ? { "client-request-id": clientRequestId } : {}),
  };
  // Only beta accepts InvokeCommand; other API versions exist but refuse it.
  if (version !== "beta") return send(res, version === "v1.0" || version === "v2.0" ? 405 : 404, "", headers);
  if (req.method !== "POST") return send(res, 405, "", { ...headers, Allow: "POST" });

  const tenant = ctx.state.tenant;
  const urlTenantId = matchesTenant(tenant, tenantSegment) ? tenant.tenantId : undefined;
  const auth = await validateBearer(ctx, headerValue(req, "authorization"), urlTenantId);
  if (!auth.ok) {
    return send(res, 401, "", { ...headers, "WWW-Authenticate": wwwAuthenticate(ctx, auth.hasToken, auth.claims), "x-ms-diagnostics": auth.diagnostics });
  }
  const admission = ctx.state.throttling.admit(auth.user, ctx.state.clock.now());
  Object.assign(headers, admission?.headers ?? ctx.state.rateLimit.hit(ctx.state.clock.now()));

  const parsed = parseInvokeBody(await readBody(req));
  const record: CallRecord = {
    time: new Date(ctx.state.clock.now()).toISOString(),
    endTime: "",
    upn: auth.user.userPrincipalName,
    oid: auth.user.oid,
    cmdlet: parsed.ok ? parsed.cmdlet : null,
    parameters: parsed.ok ? parsed.parameters : null,
    clientRequestId,
    requestId,
    anchorMailbox: headerValue(req, "x-anchormailbox") ?? null,
    nextPage: url.searchParams.has("$skiptoken"),
    status: 0,
    fault: null,
    warnings: [],
    ran: false,
    changed: false,
  };

  let reply: Reply;
  if (admission && !admission.ok) {
    // Over the user's budget: refused at the front door, before any fault or the cmdlet.
    record.fault = `throttling:${admission.reason}`;
    reply = throttleReply(admission.retryAfterSeconds, "text");
  } else {
    try {
      reply = await answer({ ctx, req, url, caller: auth.user, tenantSegment, parsed, record });
    } finally {
      admission?.release();
    }
  }
  record.status = reply.status;
  record.endTime = new Date(ctx.state.clock.now()).toISOString();
  ctx.state.calls.add(record);
  if (!res.destroyed) send(res, reply.status, reply.body, { ...headers, ...reply.headers });
}

type Call = { ctx: EmulatorContext; req: Req; url: URL; caller: DirectoryUser; tenantSegment: string; parsed: ParsedBody; record: CallRecord };

async function answer({ ctx, req, url, caller, tenantSegment, parsed, record }: Call): Promise<Reply> {
  // A queued fault takes precedence; otherwise chaos mode (if on) draws this call's fate.
  const queued = ctx.state.faults.take(record.cmdlet);
  const chaos = queued ? null : ctx.state.chaos.decide(record.cmdlet);
  const fault = queued ?? chaos?.fault ?? undefined;
  if (fault) record.fault = (chaos ? "chaos:" : "") + describeFault(fault) + (chaos?.phase === "after" && fault.kind === "server-error" ? ":after-run" : "");
  if (fault?.kind === "latency") await sleep(fault.latencyMs);
  if (chaos?.latencyMs) await sleep(chaos.latencyMs);

  if (fault?.kind === "throttle") return throttleReply(fault.retryAfterSeconds, fault.variant);
  if (fault?.kind === "server-error" && chaos?.phase !== "after") return serverErrorReply(fault);
  if (fault?.kind === "reported-error" && !fault.run) return reportedErrorReply(null, fault.message);
  const pageSize = readPageSize([headerValue(req, "prefer"), headerValue(req, "x-prefer")]);
  const changed = snapshotTarget(ctx.state.tenant, record.cmdlet, record.parameters);
  record.ran = parsed.ok;
  let reply = parsed.ok
    ? toReply(runInvokeCommand({ ctx, caller, body: parsed, url, tenantSegment, pageSize }), record)
    : toReply({ ...badRequest(parsed.message), headers: {}, warnings: [] }, record);
  record.changed = changed();
  if (headerValue(req, "prefer")?.includes("maxpagesize")) reply.headers["Preference-Applied"] = `odata.maxpagesize=${pageSize}`;
  if (fault?.kind === "malformed") reply = mangle(reply, fault.variant, fault.status);
  if (fault?.kind === "reported-error") reply = reportedErrorReply(reply, fault.message);
  // The cmdlet ran (and may have changed the mailbox); then the front end failed.
  if (fault?.kind === "server-error") reply = serverErrorReply(fault);
  return reply;
}

function toReply(
  outcome: { status: number; body: unknown; raw?: Buffer; headers: Record<string, string>; warnings: string[]; cmdlet?: string },
  record: CallRecord,
): Reply {
  if (outcome.cmdlet) record.cmdlet = outcome.cmdlet;
  record.warnings = outcome.warnings;
  if (outcome.body === undefined) return { status: outcome.status, headers: { ...outcome.headers }, body: outcome.raw ?? Buffer.alloc(0) };
  return {
    status: outcome.status,
    headers: { ...outcome.headers, "Content-Type": ODATA_CONTENT_TYPE },
    body: Buffer.from(JSON.stringify(outcome.body)),
  };
}

function describeFault(f: FaultSpec): string {
  switch (f.kind) {
    case "latency":
      return `latency:${f.latencyMs}ms`;
    case "throttle":
      return `throttle:${f.variant}`;
    case "server-error":
      return f.status === 500 ? `server-error:500:${f.variant}` : `server-error:${f.status}`;
    case "malformed":
      return `malformed:${f.variant}`;
    case "reported-error":
      return `reported-error${f.run ? ":after-run" : ""}`;
  }
}
