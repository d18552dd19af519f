import { decodeBodyText } from "./body-text";
import { ExchangeError, parseExchangeError, parseReportedErrors } from "./errors";
import { parseSuccessBody, type ParsedPage } from "./response";

// One HTTP request for one page: it either returns a parsed page or throws an ExchangeError,
// and never follows redirects (the token stays put). client.ts wraps it in the retry policy
// (retry.ts) and the per-tenant cap (concurrency.ts).
export type PageRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  clientRequestId: string;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  signal?: AbortSignal;
};

export type PageResult = ParsedPage & { exchangeRequestId?: string };

export async function requestPage(request: PageRequest): Promise<PageResult> {
  const { clientRequestId, signal } = request;
  if (signal?.aborted) throw describeAbort(request, signal.reason);

  const controller = new AbortController();
  // Real time on purpose, whatever clock the retries wait on (client.ts): it bounds real I/O.
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  const forwardAbort = () => controller.abort();
  signal?.addEventListener("abort", forwardAbort, { once: true });

  try {
    let response: Response;
    try {
      const pending = request.fetchImpl(request.url, {
        method: "POST",
        headers: request.headers,
        body: request.body,
        redirect: "manual",
        signal: controller.signal,
      });
      response = await raceAbort(pending, controller.signal);
    } catch (cause) {
      throw controller.signal.aborted ? describeAbort(request, cause) : describeNetworkFailure(clientRequestId, cause);
    }

    // A body that cannot be read (e.g. labelled gzip but not gzip: fetch rejects while decoding)
    // is treated like an empty one; the status still decides the error.
    let bytes: Uint8Array | null = null;
    try {
      bytes = new Uint8Array(await raceAbort(response.arrayBuffer(), controller.signal));
    } catch (cause) {
      if (controller.signal.aborted) throw describeAbort(request, cause);
    }

    const exchangeRequestId = response.headers.get("request-id") ?? response.headers.get("x-ms-request-id") ?? undefined;
    const cmdlet = request.headers["X-CmdletName"];
    if (response.status === 204) return { value: [], warnings: [], errors: [], exchangeRequestId };
    if (response.status >= 200 && response.status < 300 && bytes !== null) {
      const page = parseSuccessBody(decodeBodyText(bytes, response.headers.get("content-type") ?? undefined));
      if (page && page.errors.length > 0) throw parseReportedErrors(page.errors, { cmdlet, clientRequestId, exchangeRequestId });
      if (page) return { ...page, exchangeRequestId };
    }

    const error = parseExchangeError({ status: response.status, headers: response.headers, body: bytes, cmdlet });
    error.clientRequestId = clientRequestId;
    error.exchangeRequestId ??= exchangeRequestId;
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", forwardAbort);
  }
}

// Enforces the timeout even when an injected fetch ignores its signal.
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    }),
  ]);
}

function describeAbort(request: PageRequest, cause: unknown): ExchangeError {
  if (request.signal?.aborted) {
    return new ExchangeError("transient", "The request to Exchange was cancelled before it finished.", {
      clientRequestId: request.clientRequestId,
      diagnostics: "cancelled by caller",
      cause,
    });
  }
  const seconds = request.timeoutMs >= 1000 ? Math.round(request.timeoutMs / 1000) : request.timeoutMs / 1000;
  return new ExchangeError(
    "transient",
    `Exchange did not answer within ${seconds} seconds. If this was a change, it may or may not have been applied: check the current state before trying again.`,
    { clientRequestId: request.clientRequestId, diagnostics: "timeout", cause },
  );
}

function describeNetworkFailure(clientRequestId: string, cause: unknown): ExchangeError {
  return new ExchangeError(
    "transient",
    "ExoDesk could not reach Exchange Online. Check the network connection and try again in a moment.",
    { clientRequestId, diagnostics: describeCause(cause), cause },
  );
}

// undici reports "fetch failed" with the real reason (ECONNREFUSED, ENOTFOUND…) in `cause`.
function describeCause(cause: unknown): string | undefined {
  if (!(cause instanceof Error)) return undefined;
  const inner: unknown = cause.cause;
  const code = typeof inner === "object" && inner !== null && "code" in inner ? String(inner.code) : undefined;
  return [cause.message, code].filter(Boolean).join(": ") || undefined;
}
