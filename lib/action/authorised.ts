import "server-only";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import type { Logger } from "pino";
import { z } from "zod";
import type { TActorSnapshot } from "../audit/events";
import { headers } from "next/headers";
import { clientIp, getActorSnapshot } from "../auth/actor";
import type { TPermission } from "../auth/roles";
import { requireUser } from "../auth/session";
import type { TSessionUser } from "../auth/session-user";
import { AppError, fieldErrorsOf, type AppErrorCode } from "../errors/app-error";
import { ExchangeError } from "../exchange/errors";
import { log } from "../log/logger";
import { consumeRateLimits, rateLimits, type TLimit } from "./rate-limit";
import { httpRequestLog } from "../log/http-log";

// What every server action returns to its form. `shown`: what the page shows next, when the
// action already knows it (a change's read-back), so the page need not ask Exchange again.
export type TActionFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]>; reauth?: boolean };
export type TActionResult<TShown = never> =
  | { ok: true; message: string; tone: "success" | "warning" | "error"; warnings?: string[]; href?: string; shown?: TShown }
  | TActionFailure;

// Errors a person may read become their message; anything else is logged and replaced by a
// generic one, so no stack trace or internal detail reaches the browser.
export function toActionError(e: unknown, logger: Logger = log): TActionFailure {
  if (e instanceof AppError) {
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, reauth: e.code === "REAUTH_REQUIRED" || e.code === "UNAUTHENTICATED" };
  }
  // The Exchange client words every error it raises for a person (lib/exchange/describe-exchange-error.ts).
  if (e instanceof ExchangeError) return { ok: false, message: e.message };
  logger.error({ err: e instanceof Error ? e : { message: "non-error thrown" } }, "server action failed");
  return { ok: false, message: "Something went wrong in ExoDesk. Nothing was changed by this step; try again, and tell an admin if it keeps happening." };
}

// What a handler gets once the session and the app role have been checked. Ownership of a
// request is not decided here: the use case that loads it answers a foreign id as missing.
export type TActionContext = {
  user: TSessionUser;
  log: Logger;
  actor: () => Promise<TActorSnapshot>;
  // Marks a page for revalidation once the handler has finished without throwing.
  revalidate: (path: string) => void;
};

// A handler may end by sending the person to another page; the wrapper redirects outside its
// try, because Next's redirect() works by throwing.
export type TRedirect = { redirectTo: string };

function isRedirect(value: unknown): value is TRedirect {
  return typeof value === "object" && value !== null && "redirectTo" in value && typeof value.redirectTo === "string";
}

function contextFor(user: TSessionUser, logger: Logger, paths: string[]): TActionContext {
  let actor: Promise<TActorSnapshot> | undefined;
  return {
    user,
    log: logger.child({ user: user.oid }),
    actor: () => (actor ??= getActorSnapshot(user)),
    revalidate: (path) => void paths.push(path),
  };
}

// Which rate limit a wrapper applies, named by every action and route handler (a required
// field, so none is forgotten): "mutation" for anything that changes something, "lookup"
// for reads that call Exchange (type-ahead searches), "chain" for reads of the whole audit
// chain, "none" for plain database reads.
export type TRateLimit = "mutation" | "lookup" | "chain" | "none";
export type TGate = { rateLimit: TRateLimit };
// A server action also names the schema of what it is sent: it is parsed at the door, after
// the session, role and rate limit, and the handler only ever sees the parsed value.
export type TActionGate<TSchema extends z.ZodType> = TGate & { schema: TSchema };

function limitsOf(rateLimit: Exclude<TRateLimit, "none">): readonly [TLimit, TLimit] {
  const limits = rateLimits();
  const pairs: Record<typeof rateLimit, readonly [TLimit, TLimit]> = {
    mutation: [limits.mutationPerUser, limits.mutationPerIp],
    lookup: [limits.lookupPerUser, limits.lookupPerIp],
    chain: [limits.chainPerUser, limits.chainPerIp],
  };
  return pairs[rateLimit];
}

// Counted per person and per address (the socket's, or the trusted proxy's report of it:
// scripts/serve.ts), before the handler runs.
async function applyRateLimit(gate: TGate, user: TSessionUser): Promise<void> {
  if (gate.rateLimit === "none") return;
  const [perUser, perIp] = limitsOf(gate.rateLimit);
  await consumeRateLimits(perUser, user.oid, perIp, clientIp(await headers()) ?? "unknown");
}

// Input the schema refuses: field errors next to their fields; a value that is not a form
// (a plain argument) is told by its schema's own message.
function parseInput<TSchema extends z.ZodType>(schema: TSchema, input: unknown): z.output<TSchema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { form, ...fields } = fieldErrorsOf(parsed.error);
  if (Object.keys(fields).length > 0) throw new AppError("INVALID_INPUT", undefined, fields);
  throw new AppError("INVALID_INPUT", form?.[0]);
}

// The one way into a server action: session, app role, rate limit, the input parsed by the
// action's schema, the handler, and errors a person may read. The session and role are read
// again on every call, and who acts comes from that session only, never from the input.
function wrapAction<TArgs extends unknown[], TSchema extends z.ZodType, TResult>(
  permission: TPermission,
  gate: TActionGate<TSchema>,
  readInput: (...args: TArgs) => unknown,
  handler: (ctx: TActionContext, input: z.output<TSchema>) => Promise<TResult | TRedirect>,
): (...args: TArgs) => Promise<TResult | TActionFailure> {
  return async (...args) => {
    const logger = await httpRequestLog();
    const paths: string[] = [];
    const started = performance.now();
    let outcome: TResult | TRedirect;
    try {
      const user = await requireUser(permission);
      await applyRateLimit(gate, user);
      const input = parseInput(gate.schema, readInput(...args));
      outcome = await handler(contextFor(user, logger, paths), input);
      logger.info({ permission, user: user.oid, outcome: "ok", ms: Math.round(performance.now() - started) }, "server action");
    } catch (e) {
      unstable_rethrow(e); // Next's own control flow (redirect, notFound, dynamic usage) passes through
      const failure = toActionError(e, logger);
      logger.info({ permission, outcome: "error", error: failure.message, ms: Math.round(performance.now() - started) }, "server action");
      return failure;
    }
    for (const path of paths) revalidatePath(path);
    if (isRedirect(outcome)) redirect(outcome.redirectTo);
    return outcome;
  };
}

// A server action called with one value, which its schema parses (z.unknown() for an action
// that reads nothing it is sent). Every export of an app/**/actions.ts file is built with this or authorisedForm.
export function authorised<TSchema extends z.ZodType, TResult>(
  permission: TPermission,
  gate: TActionGate<TSchema>,
  handler: (ctx: TActionContext, input: z.output<TSchema>) => Promise<TResult | TRedirect>,
): (input: z.input<TSchema>) => Promise<TResult | TActionFailure> {
  return wrapAction(permission, gate, (input: z.input<TSchema>) => input, handler);
}

// A form's values by name, the first of each as FormData.get gives it, for the schema.
function formValues(form: unknown): Record<string, FormDataEntryValue> {
  // Anyone can post any arguments to an action id; only a form is a form.
  if (!(form instanceof FormData)) throw new AppError("INVALID_INPUT", "This action takes a form.");
  const values: Record<string, FormDataEntryValue> = Object.create(null); // a field named __proto__ is just a field
  for (const [name, value] of form.entries()) if (!(name in values)) values[name] = value;
  return values;
}

// A server action behind a form (useActionState): (previous state, form data).
export function authorisedForm<TSchema extends z.ZodType, TShown = never>(
  permission: TPermission,
  gate: TActionGate<TSchema>,
  handler: (ctx: TActionContext, input: z.output<TSchema>) => Promise<TActionResult<TShown> | TRedirect>,
): (prev: TActionResult<TShown> | null, form: FormData) => Promise<TActionResult<TShown>> {
  return wrapAction(permission, gate, (_prev: TActionResult<TShown> | null, form: FormData) => formValues(form), handler);
}

const STATUS: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  REAUTH_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
};

export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

// The same gate for route handlers: 401 without a session, 403 without the app role, other
// readable errors with their status, anything else a logged 500.
export function authorisedRoute<TRequest extends Request, TRouteContext>(
  permission: TPermission,
  gate: TGate,
  handler: (ctx: TActionContext, request: TRequest, route: TRouteContext) => Promise<Response>,
): (request: TRequest, route: TRouteContext) => Promise<Response> {
  return async (request, route) => {
    const logger = await httpRequestLog();
    const paths: string[] = [];
    let response: Response;
    try {
      const user = await requireUser(permission);
      await applyRateLimit(gate, user);
      response = await handler(contextFor(user, logger, paths), request, route);
    } catch (e) {
      unstable_rethrow(e);
      if (e instanceof AppError) return jsonError(STATUS[e.code], e.message);
      logger.error({ err: e instanceof Error ? e : { message: "non-error thrown" } }, "route handler failed");
      return jsonError(500, "Something went wrong in ExoDesk. Try again, and tell an admin if it keeps happening.");
    }
    for (const path of paths) revalidatePath(path);
    return response;
  };
}
