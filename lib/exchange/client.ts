import { countFailedCall, countRetry, timeAttempt, timeQueueWait } from "./call-metrics";
import { realClock, type TClock } from "../time/clock";
import { toExchangeDateParam } from "./dates";
import { getDefaultTenantLimiter, type TenantLimiter } from "./concurrency";
import { ExchangeError } from "./errors";
import { normaliseIdentity } from "./identity";
import { sendWithRetry, type TRetryEvent, type TRetryOptions } from "./retry";
import { throttleGateFor } from "./throttle-gate";
import { requestPage } from "./transport";

export type ExchangeCall = {
  baseUrl: string; // "https://outlook.office365.com" or the emulator
  tenantId: string;
  accessToken: string;
  anchorUpn: string;
  cmdlet: string;
  parameters: Record<string, unknown>;
  select?: string[];
  clientRequestId?: string; // generated (crypto.randomUUID) if absent
  pageSize?: number; // Prefer: odata.maxpagesize, default 1000
  timeoutMs?: number; // per page request, default 60 s, always in real time (transport.ts)
  fetchImpl?: typeof fetch;
  signal?: AbortSignal;
  retry?: TRetryOptions; // time budget (default 30 s per page), onRetry hook; see retry.ts
  limiter?: TenantLimiter; // the per-tenant cap on requests in flight; default: the process's own
  clock?: TClock; // what the retries, the throttle gate and the wait for a slot wait on; default the real one (tests: a virtual one)
};

export type ExchangeResult = {
  value: Record<string, unknown>[]; // all pages; keys containing "@" stripped
  warnings: string[];
  clientRequestId: string;
  exchangeRequestId?: string; // request-id of the first page
};

const DEFAULT_PAGE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 60_000;
const CMDLET_NAME = /^[A-Za-z]+-[A-Za-z0-9]+$/;
const HEADER_SAFE = /^[\x20-\x7e]+$/;

// Runs one cmdlet through InvokeCommand and returns every page of its output. Throws only
// ExchangeError; a failure on any page fails the whole call (never a short list). Each page
// request waits for a per-tenant slot (concurrency.ts) and is retried where that is safe
// (retry.ts), with the same client-request-id on every attempt; waits, attempts, retries and
// failures are counted for /api/metrics (call-metrics.ts).
export async function invokeCommand(call: ExchangeCall): Promise<ExchangeResult> {
  const clientRequestId = call.clientRequestId ?? crypto.randomUUID();
  try {
    return await runPages(call, clientRequestId);
  } catch (error) {
    const failure =
      error instanceof ExchangeError ? error : new ExchangeError("unknown", "ExoDesk could not complete the Exchange request.", { clientRequestId, cause: error });
    countFailedCall(failure);
    throw failure;
  }
}

async function runPages(call: ExchangeCall, clientRequestId: string): Promise<ExchangeResult> {
  checkCall(call, clientRequestId);
  const base = readBaseUrl(call.baseUrl, clientRequestId);
  const headers = buildHeaders(call, clientRequestId);
  const body = buildBody(call.cmdlet, call.parameters);
  const value: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  const visited = new Set<string>();
  let exchangeRequestId: string | undefined;
  let url: string | undefined = buildInvokeUrl(base, call.tenantId, call.select);
  const limiter = call.limiter ?? getDefaultTenantLimiter();
  const clock = call.clock ?? realClock;

  while (url !== undefined) {
    visited.add(url);
    const pageUrl: string = url;
    const page = await sendWithRetry({
      cmdlet: call.cmdlet,
      parameters: call.parameters,
      clientRequestId,
      signal: call.signal,
      clock,
      // One gate per person (throttle-gate.ts): Exchange's throttling budget is theirs.
      options: { gate: throttleGateFor(`${call.tenantId}|${normaliseIdentity(call.anchorUpn)}`, clock), ...call.retry, onRetry: (event) => notifyRetry(event, call.retry) },
      send: async (queueSignal) => {
        // The slot is held for one HTTP request only, never while waiting to retry.
        const release = await timeQueueWait(() => limiter.acquire(call.tenantId, queueSignal));
        try {
          return await timeAttempt(call.cmdlet, () => requestPage({
            url: pageUrl,
            headers,
            body,
            clientRequestId,
            timeoutMs: call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
            fetchImpl: call.fetchImpl ?? fetch,
            signal: call.signal,
          }));
        } finally {
          release();
        }
      },
    });
    exchangeRequestId ??= page.exchangeRequestId;
    for (const item of page.value) value.push(item);
    for (const warning of page.warnings) if (!warnings.includes(warning)) warnings.push(warning);
    url = page.nextLink === undefined ? undefined : resolveNextLink(page.nextLink, base, visited, clientRequestId);
  }
  return { value, warnings, clientRequestId, exchangeRequestId };
}

// The process's metrics first, then the caller's own hook (retry.ts ignores a hook that throws).
function notifyRetry(event: TRetryEvent, options: TRetryOptions | undefined): void {
  countRetry(event);
  options?.onRetry?.(event);
}

function buildInvokeUrl(base: URL, tenantId: string, select?: string[]): string {
  const root = base.href.replace(/\/+$/, "");
  const url = `${root}/adminapi/beta/${encodeURIComponent(tenantId)}/InvokeCommand`;
  const fields = (select ?? []).map((name) => name.trim()).filter((name) => name !== "");
  return fields.length === 0 ? url : `${url}?$select=${fields.map(encodeURIComponent).join(",")}`;
}

function buildHeaders(call: ExchangeCall, clientRequestId: string): Record<string, string> {
  return {
    Authorization: `Bearer ${call.accessToken}`,
    "Content-Type": "application/json",
    Accept: "application/json",
    "X-CmdletName": call.cmdlet,
    "X-ResponseFormat": "json",
    "X-AnchorMailbox": `UPN:${call.anchorUpn}`,
    "client-request-id": clientRequestId,
    Prefer: `odata.maxpagesize=${readPageSize(call.pageSize)}`,
  };
}

// Date values become UTC "yyyy-MM-ddTHH:mm:ss", as the ExchangeOnlineManagement module sends them.
function buildBody(cmdlet: string, parameters: Record<string, unknown>): string {
  return JSON.stringify({ CmdletInput: { CmdletName: cmdlet, Parameters: parameters } }, function (this: unknown, key, value: unknown) {
    const original = (this as Record<string, unknown>)[key];
    return original instanceof Date ? toExchangeDateParam(original) : value;
  });
}

// Links live for minutes and must stay on Exchange's own host: the token is never sent elsewhere.
function resolveNextLink(nextLink: string, base: URL, visited: Set<string>, clientRequestId: string): string {
  let next: URL;
  try {
    next = new URL(nextLink, base);
  } catch {
    throw unreadable("Exchange sent a next-page link that is not a valid address.", clientRequestId);
  }
  if (next.origin !== base.origin) {
    throw unreadable(`Exchange sent a next-page link to another host (${next.host}); ExoDesk stopped reading to keep your sign-in safe.`, clientRequestId);
  }
  if (visited.has(next.href)) {
    throw unreadable("Exchange sent the same next-page link twice; ExoDesk stopped reading to avoid a loop.", clientRequestId);
  }
  return next.href;
}

function checkCall(call: ExchangeCall, clientRequestId: string): void {
  if (!CMDLET_NAME.test(call.cmdlet)) {
    throw new ExchangeError("invalid_input", `"${call.cmdlet}" is not a cmdlet name.`, { clientRequestId });
  }
  const headerValues: [string, string][] = [
    ["access token", call.accessToken],
    ["signed-in account name", call.anchorUpn],
    ["client request id", clientRequestId],
  ];
  for (const [label, value] of headerValues) {
    if (!HEADER_SAFE.test(value)) {
      throw new ExchangeError("invalid_input", `The ${label} cannot be sent to Exchange (empty or not plain ASCII).`, { clientRequestId });
    }
  }
}

function readBaseUrl(baseUrl: string, clientRequestId: string): URL {
  try {
    const url = new URL(baseUrl);
    if (url.protocol === "https:" || url.protocol === "http:") return url;
  } catch {
    // reported below
  }
  throw new ExchangeError("unknown", `The Exchange address "${baseUrl}" is not a valid http(s) URL. Check the configuration.`, {
    clientRequestId,
  });
}

function readPageSize(pageSize: number | undefined): number {
  return pageSize !== undefined && Number.isInteger(pageSize) && pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE;
}

function unreadable(message: string, clientRequestId: string): ExchangeError {
  return new ExchangeError("unreadable", message, { clientRequestId });
}
