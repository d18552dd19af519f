import { decodeBodyText } from "./body-text";
import { describeDirectorySynced, describeOutOfWriteScope, describeRoleRefusal } from "./describe-exchange-error";
import { readErrorBody, type ErrorBodyFacts } from "./error-body";
import { readClaimsChallenge, readRetryAfterSeconds } from "./error-headers";

export type ExchangeErrorKind =
  | "not_found"
  | "invalid_input"
  | "already_exists"
  | "entry_missing"
  | "rbac_denied"
  | "out_of_scope"
  | "throttled"
  | "transient"
  | "unauthorized"
  | "unreadable"
  | "unknown";

// `message` is the text a person reads: never a stack trace or a raw response body.
export class ExchangeError extends Error {
  kind: ExchangeErrorKind;
  status?: number;
  errorId?: string;
  exceptionClass?: string;
  retryAfterSeconds?: number;
  clientRequestId?: string;
  exchangeRequestId?: string;
  // x-ms-diagnostics (or WWW-Authenticate on a 401, or the network error code): for logs.
  diagnostics?: string;
  // The decoded `claims` of a 401 claims challenge, to pass to the token request.
  claimsChallenge?: string;

  constructor(kind: ExchangeErrorKind, message: string, fields: ExchangeErrorFields = {}) {
    const { cause, ...facts } = fields;
    super(message, cause === undefined ? undefined : { cause });
    this.name = "ExchangeError";
    this.kind = kind;
    Object.assign(this, facts);
  }
}

// What a caller may tell the error besides its kind and message.
export type ExchangeErrorFields = Partial<Omit<ExchangeError, "kind" | keyof Error>> & { cause?: unknown };

const CONCURRENCY_LIMIT = /maximum number of concurrent requests/i;
const OUT_OF_SCOPE = /out of the current user.s write scope/i;
// Exchange words a write to a directory-synchronised object in the same "can't perform the
// save operation" family as the write scope, often in the same sentence.
const DIRECTORY_SYNCED = /(?:being|is|it.s) synchroni[sz]ed from (?:your|the) on-premises/i;
// A missing Exchange role, in the forms it arrives: 401 "User is not allowed to call <Cmdlet>",
// or through InvokeCommand a cmdlet absent from the caller's session (CommandNotFoundException).
const NOT_ALLOWED_TO_CALL = /is not allowed to call\s+'?([A-Za-z]+-[A-Za-z0-9]+)?/i;
const COMMAND_NOT_FOUND = /CommandNotFoundException/;
const TERM_NOT_RECOGNISED = /The term '([A-Za-z]+-[A-Za-z0-9]+)' is not recognized/i;
const TRANSIENT_CLASSES =
  /DCOverloadedException|SuitabilityDirectoryException|ServerInMMException|ADServerSettingsChangedException|StorageTransientException/;
const INVALID_INPUT_CLASSES =
  /Parameter\w*Exception|Argument\w*Exception|\bValidationException|DataValidationException|InvalidEnumArgument/;

// Turns any HTTP failure from InvokeCommand into a typed error. Pure and total: whatever the
// body (JSON, truncated JSON, HTML, NULs, nothing), it returns an ExchangeError.
// `cmdlet`: what was asked for, so a refusal that names nothing (a 403 of NULs) can still say
// what the person tried.
export function parseExchangeError(input: {
  status: number;
  headers: Headers;
  body: Uint8Array | string | null;
  cmdlet?: string;
}): ExchangeError {
  try {
    return classifyFailure(input);
  } catch {
    return new ExchangeError("unknown", describeUnknown(input.status, undefined), { status: input.status });
  }
}

function classifyFailure(input: { status: number; headers: Headers; body: Uint8Array | string | null; cmdlet?: string }): ExchangeError {
  const { status, headers } = input;
  const header = (name: string) => readHeader(headers, name);
  const facts = readErrorBody(decodeBodyText(input.body, header("content-type")));
  const retryAfterSeconds = readRetryAfterSeconds(header("retry-after"), header("date"));
  const wwwAuthenticate = header("www-authenticate");
  const kind = chooseKind(status, facts);

  const message = chooseMessage(kind, status, facts, retryAfterSeconds, input.cmdlet ?? refusedCmdlet(facts.searchable));
  return new ExchangeError(kind, message, {
    status,
    errorId: facts.errorId,
    exceptionClass: facts.exceptionClass,
    // A 503 may carry Retry-After too; the retry policy honours it for both.
    retryAfterSeconds: kind === "throttled" || kind === "transient" ? retryAfterSeconds : undefined,
    clientRequestId: header("client-request-id"),
    exchangeRequestId: header("request-id") ?? header("x-ms-request-id"),
    diagnostics: header("x-ms-diagnostics") ?? (status === 401 ? wwwAuthenticate : undefined),
    claimsChallenge: kind === "unauthorized" ? readClaimsChallenge(wwwAuthenticate) : undefined,
  });
}

// `@adminapi.errors` of a 200 answer: the module writes each as an error and fails the call.
// Each entry is read like details[0].message; a write may still have changed something, so
// the kind is "unknown" (callers read the mailbox back) unless the text says more.
export function parseReportedErrors(entries: string[], fields: { cmdlet?: string; clientRequestId?: string; exchangeRequestId?: string } = {}): ExchangeError {
  const read = entries.map((entry) => readErrorBody(JSON.stringify({ error: { code: "", message: "", details: [{ message: entry }] } })));
  const texts = read.map((facts) => facts.text).filter((text): text is string => text !== undefined);
  const facts: ErrorBodyFacts = {
    envelope: true,
    errorId: read.find((f) => f.errorId)?.errorId,
    exceptionClass: read.find((f) => f.exceptionClass)?.exceptionClass,
    text: texts.length > 0 ? texts.join(" ") : undefined,
    searchable: read.map((f) => f.searchable).join("\n"),
  };
  const kind = chooseKind(200, facts);
  const message =
    kind === "unknown"
      ? `Exchange reported ${texts.length > 1 ? "errors" : "an error"} while running ${fields.cmdlet ?? "the command"}: ${facts.text ?? "no reason given"}`
      : chooseMessage(kind, 200, facts, undefined, fields.cmdlet ?? refusedCmdlet(facts.searchable));
  return new ExchangeError(kind, message, {
    status: 200,
    errorId: facts.errorId,
    exceptionClass: facts.exceptionClass,
    clientRequestId: fields.clientRequestId,
    exchangeRequestId: fields.exchangeRequestId,
    diagnostics: "@adminapi.errors",
  });
}

// A role refusal is never a sign-in problem: signing in again gives the same roles.
export function isRoleRefusal(status: number, searchable: string): boolean {
  if (COMMAND_NOT_FOUND.test(searchable)) return true;
  return (status === 401 || status === 403) && NOT_ALLOWED_TO_CALL.test(searchable);
}

function refusedCmdlet(searchable: string): string | undefined {
  return NOT_ALLOWED_TO_CALL.exec(searchable)?.[1] ?? TERM_NOT_RECOGNISED.exec(searchable)?.[1];
}

function chooseKind(status: number, facts: ErrorBodyFacts): ExchangeErrorKind {
  const evidence = facts.searchable;
  if (isRoleRefusal(status, evidence)) return "rbac_denied";
  if (status === 401) return "unauthorized";
  if (status === 429 || facts.code === "TooManyRequests" || CONCURRENCY_LIMIT.test(evidence)) return "throttled";
  if (evidence.includes("UserAlreadyExistsInPermissionEntryException")) return "already_exists";
  if (evidence.includes("UserNotFoundInPermissionEntryException")) return "entry_missing";
  if (OUT_OF_SCOPE.test(evidence) || DIRECTORY_SYNCED.test(evidence)) return "out_of_scope";
  if (evidence.includes("ManagementObjectNotFoundException")) return "not_found";
  if (TRANSIENT_CLASSES.test(evidence)) return "transient";
  if (status === 403) return "rbac_denied";
  if (status === 404) return "not_found";
  // Exchange explains a refused value in an error body; a 400 with none readable was garbled.
  if (status === 400) return facts.envelope || facts.exceptionClass || facts.code ? "invalid_input" : "unreadable";
  if (INVALID_INPUT_CLASSES.test(facts.exceptionClass ?? "")) return "invalid_input";
  if (status === 408 || status === 502 || status === 503 || status === 504) return "transient";
  if (status >= 200 && status < 300) return facts.envelope ? "unknown" : "unreadable";
  return "unknown";
}

function chooseMessage(
  kind: ExchangeErrorKind,
  status: number,
  facts: ErrorBodyFacts,
  retryAfterSeconds: number | undefined,
  cmdlet: string | undefined,
): string {
  const text = facts.text;
  switch (kind) {
    case "unauthorized":
      return "Exchange did not accept your sign-in (it may have expired or been revoked). Sign in again, then retry.";
    case "throttled":
      return describeThrottling(retryAfterSeconds);
    case "rbac_denied":
      // Exchange's own words here are generic ("Invalid Operation") or about a cmdlet "not
      // recognized": the person is told what they tried and whom to ask.
      return describeRoleRefusal(cmdlet);
    case "transient":
      return status === 504
        ? "Exchange did not answer in time. If this was a change, it may or may not have been applied: check the current state before trying again."
        : "Exchange is temporarily unavailable. Try again in a moment.";
    case "not_found":
      return text ?? "Exchange could not find that object. Check the name; if it was created just now, wait a few minutes and try again.";
    case "invalid_input":
      return text ?? "Exchange refused a value in the request. Check the values and try again.";
    case "already_exists":
      return text ?? "That permission entry already exists.";
    case "entry_missing":
      return text ?? "That permission entry does not exist, so there is nothing to remove.";
    case "out_of_scope":
      return DIRECTORY_SYNCED.test(facts.searchable) ? describeDirectorySynced() : describeOutOfWriteScope(text);
    case "unreadable":
      return `Exchange sent a response ExoDesk could not read (HTTP ${status}). If this was a change, check the current state before trying again.`;
    case "unknown":
      return describeUnknown(status, text);
  }
}

export function describeThrottling(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return "Exchange is busy (throttled). Try again in a moment.";
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Exchange is busy (throttled). Try again in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`;
}

function describeUnknown(status: number, text: string | undefined): string {
  return text ?? `Exchange returned an unexpected error (HTTP ${status}). Try again; if it keeps failing, contact an administrator.`;
}

function readHeader(headers: Headers, name: string): string | undefined {
  const value = headers.get(name);
  return value === null || value.trim() === "" ? undefined : value.trim();
}
