import { executionError } from "./cmdlet-errors";
import type { FaultSpec, MalformedVariant, THROTTLE_VARIANTS, TransientException } from "./faults";
import { DOMAIN_CONTROLLER } from "./cmdlet-errors";
import { ODATA_CONTENT_TYPE } from "./replies";

export type Reply = { status: number; headers: Record<string, string>; body: Buffer };

export const THROTTLE_TEXT = "You have reached the maximum number of concurrent requests per tenant. Please wait and try again.";

// Retry-After in decimal seconds, as Exchange writes it ("0.35").
export function throttleReply(retryAfterSeconds: number, variant: (typeof THROTTLE_VARIANTS)[number]): Reply {
  const headers = { "Retry-After": String(retryAfterSeconds) };
  if (variant === "json") {
    const body = JSON.stringify({ error: { code: "TooManyRequests", message: THROTTLE_TEXT } });
    return { status: 429, headers: { ...headers, "Content-Type": ODATA_CONTENT_TYPE }, body: Buffer.from(body) };
  }
  return { status: 429, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" }, body: Buffer.from(THROTTLE_TEXT) };
}

const TRANSIENT: Record<TransientException, [cls: string, text: string]> = {
  DCOverloadedException: [
    "Microsoft.Exchange.Data.Directory.DCOverloadedException",
    `The domain controller ${DOMAIN_CONTROLLER} is overloaded. This issue may be transient; try again later.`,
  ],
  SuitabilityDirectoryException: [
    "Microsoft.Exchange.Data.Directory.SuitabilityDirectoryException",
    `The Active Directory server ${DOMAIN_CONTROLLER} isn't available. Error: The server is not operational. This issue may be transient; try again later.`,
  ],
  ServerInMMException: [
    "Microsoft.Exchange.Data.Directory.ServerInMMException",
    "The mailbox server is in maintenance mode. This issue may be transient; try again later.",
  ],
  ADServerSettingsChangedException: [
    "Microsoft.Exchange.Data.Directory.ADServerSettingsChangedException",
    "The Active Directory server settings changed during the operation. This issue may be transient; try again later.",
  ],
  StorageTransientException: [
    "Microsoft.Exchange.Data.Storage.StorageTransientException",
    "Cannot open mailbox. The mailbox database is temporarily unavailable. This issue may be transient; try again later.",
  ],
};

function html(title: string): Buffer {
  return Buffer.from(`<!DOCTYPE html>\r\n<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The service is temporarily unavailable.</p></body></html>\r\n`);
}

export function serverErrorReply(spec: Extract<FaultSpec, { kind: "server-error" }>): Reply {
  if (spec.status === 503) return { status: 503, headers: { "Content-Type": "text/html" }, body: html("Service Unavailable") };
  if (spec.status === 504) return { status: 504, headers: { "Content-Type": "text/html" }, body: html("Gateway Timeout") };
  const [cls, text] = TRANSIENT[spec.variant];
  const error = executionError(500, "InternalServerError", "Ex8A6F12", cls, text);
  return { status: 500, headers: { "Content-Type": ODATA_CONTENT_TYPE }, body: Buffer.from(JSON.stringify(error.body)) };
}

// A 200 that failed: the module writes each "@adminapi.errors" entry as an error.
export function reportedErrorReply(reply: Reply | null, message: string): Reply {
  let body: Record<string, unknown> = { value: [] };
  try {
    if (reply && reply.status === 200) body = JSON.parse(reply.body.toString("utf8")) as Record<string, unknown>;
  } catch {
    // a body that is not JSON is replaced
  }
  const { value, ...annotations } = body;
  const out = { ...annotations, "adminapi.errors@odata.type": "#Collection(String)", "@adminapi.errors": [message], value: value ?? [] };
  return { status: 200, headers: { ...(reply?.headers ?? {}), "Content-Type": ODATA_CONTENT_TYPE }, body: Buffer.from(JSON.stringify(out)) };
}

// Damages the answer the call would have given; the cmdlet itself has run.
export function mangle(reply: Reply, variant: MalformedVariant, status: number | null): Reply {
  const out: Reply = { status: status ?? reply.status, headers: { ...reply.headers }, body: reply.body };
  switch (variant) {
    case "empty":
      out.body = Buffer.alloc(0);
      break;
    case "nul-padded":
      out.body = Buffer.concat([reply.body, Buffer.alloc(2048, 0)]);
      break;
    case "html":
      out.headers["Content-Type"] = "text/html; charset=utf-8";
      out.body = html("Something went wrong");
      break;
    case "fake-gzip":
      out.headers["Content-Encoding"] = "gzip";
      break;
    case "truncated-json":
      out.body = reply.body.subarray(0, Math.floor(reply.body.length / 2));
      break;
  }
  return out;
}
