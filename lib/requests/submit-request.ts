import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import { hasPermission } from "@/lib/auth/roles";
import type { TSessionUser } from "@/lib/auth/session-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import { getRecipient, readTogether, type TRecipient } from "@/lib/cmdlets/read-mailbox";
import { removalActionOf } from "@/lib/cmdlets/right-kinds";
import type { TCatalogueAction } from "@/lib/cmdlets/types";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { AppError, fieldErrorsOf } from "@/lib/errors/app-error";
import { assertLengths } from "@/lib/forms/assert-lengths";
import { ExchangeError } from "@/lib/exchange/errors";
import { sameIdentity } from "@/lib/exchange/identity";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decideApproval, defaultPolicy, type TPolicy, type TProtectedTarget } from "@/lib/policy/decide-approval";
import { listProtectedTargets, readPolicy } from "@/lib/policy/read-policy";
import { isLive, REQUEST_STATUSES } from "@/lib/workflow/request-status";
import { createRequests, type TNewRequest } from "./create-requests";
import { executeRequest, tryRead, type TOutcome, type TStateRead } from "./execute-request";
import { recordRefusal } from "./record-refusal";
import { scheduleGrant } from "./schedule-removal";

// `trustee`: the person a delegate change names, as the directory knows them. `scheduled`: a
// grant that waits for its start (then runs with the submitter's token).
export type TSubmitResult =
  | { requestId: string; outcome: TOutcome; pending: null; scheduled: null; trustee: TRecipient | null }
  | { requestId: string; outcome: null; pending: { because: string; expiresAt: Date }; scheduled: null; trustee: TRecipient | null }
  | { requestId: string; outcome: null; pending: null; scheduled: { dueAt: Date }; trustee: TRecipient | null };

// form → schema → resolution (and the before-read) → policy → audit → Exchange → audit.
export async function resolveRecipient(ex: TExchange, field: string, identity: string, notFound: string): Promise<TRecipient> {
  try {
    return await getRecipient(ex, identity);
  } catch (e) {
    if (e instanceof ExchangeError && e.kind === "not_found") throw new AppError("INVALID_INPUT", undefined, { [field]: [notFound] });
    throw e;
  }
}

// What decides whether a change waits for an approver: its action's policy and the protected targets.
async function readPolicies(actionId: string): Promise<{ policy: TPolicy | null; protectedTargets: TProtectedTarget[] }> {
  const [policy, protectedTargets] = await Promise.all([readPolicy(actionId), listProtectedTargets()]);
  return { policy, protectedTargets };
}

// A change that may run directly (its policy asks no approval and it waits for no start) reads
// the mailbox's state before its mailbox and person are resolved: the read needs only what was
// given, and changes nothing.
export function readBeforeEarly<P extends { identity: string }, S>(ex: TExchange, action: TCatalogueAction<P, S>, params: P, policy: TPolicy | null, from: Date | null | undefined): Promise<TStateRead<S>> | undefined {
  const mayRunDirectly = !(policy ?? defaultPolicy(action.risk)).requiresApproval && !from;
  return mayRunDirectly ? tryRead(() => action.readState(ex, params)) : undefined;
}

// One live revert per change: the original row is locked while this is checked, so two
// clicks (or two people) cannot both create one.
async function claimRevert(tx: Prisma.TransactionClient, originalId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Request" WHERE id = ${originalId}::uuid FOR UPDATE`;
  const live = await tx.request.findFirst({
    where: { revertOfId: originalId, status: { in: REQUEST_STATUSES.filter(isLive) } },
    select: { id: true },
  });
  if (live) throw new AppError("CONFLICT", `This change is already being reverted (request ${live.id}).`);
}

export async function submitRequest(input: {
  user: TSessionUser;
  actor: TActorSnapshot;
  ex: TExchange;
  actionId: string;
  rawParams: unknown;
  reason?: string;
  // The succeeded request this one undoes (see revert-request.ts).
  revertOf?: string;
  // The zone an automatic-reply schedule was written in (shown with its times).
  scheduleZone?: string | null;
  // A grant's end (time-bound access): its removal is scheduled once it succeeds.
  until?: Date | null;
  // A grant's start: it waits for it (scheduled, or approved and then scheduled) and runs then.
  from?: Date | null;
  // The absence cover this request is a part of.
  coverId?: string;
  // The before-read, when the caller started it already (`readBeforeEarly`; an absence cover
  // starts its parts' reads beside resolving its people), with the parameters it read for: it
  // is used only when they name the same mailbox and person as these.
  before?: { params: { identity: string; trustee?: unknown }; read: Promise<TStateRead<unknown>> };
  // The action's policy and the protected targets, when the caller has read them already.
  policies?: { policy: TPolicy | null; protectedTargets: TProtectedTarget[] };
  // A direct change's claim has committed (executeRequest's `onClaimed`).
  onClaimed?: () => void;
}): Promise<TSubmitResult> {
  const { user, actor } = input;
  if (!hasPermission(user.roles, "request.submit")) {
    await recordRefusal(user, actor, { attempted: "request.submit", because: "only people who submit changes may submit one" });
    throw new AppError("FORBIDDEN");
  }
  const action = findAction(input.actionId);
  if (!action) throw new AppError("NOT_FOUND", "That action is not in ExoDesk's catalogue.");

  const parsed = action.schema.safeParse(input.rawParams);
  assertLengths({ reason: input.reason ?? "" }, parsed.success ? {} : fieldErrorsOf(parsed.error));
  if (!parsed.success) throw new AppError("INVALID_INPUT", undefined, fieldErrorsOf(parsed.error));
  const params = parsed.data as { identity: string; trustee?: unknown };
  if (input.until && !removalActionOf(action.id)) throw new AppError("INVALID_INPUT", undefined, { until: ["Only a grant of a right can have an end."] });
  if (input.until && input.until.getTime() <= Date.now()) throw new AppError("INVALID_INPUT", undefined, { until: ["Choose an end in the future."] });
  const from = input.from ?? null;
  if (from && !removalActionOf(action.id)) throw new AppError("INVALID_INPUT", undefined, { from: ["Only a grant of a right can wait for a start."] });
  if (from && from.getTime() <= Date.now()) throw new AppError("INVALID_INPUT", undefined, { from: ["Choose a start in the future, or none to grant now."] });
  if (from && input.until && from.getTime() >= input.until.getTime()) throw new AppError("INVALID_INPUT", undefined, { from: ["The start must be before the end."] });
  const ex = rememberStableReads(input.ex);

  // Resolve the mailbox (and the trustee), so an unknown one is a field error and no change is
  // attempted; the before-read runs at the same time.
  const { policy, protectedTargets } = input.policies ?? (await readPolicies(action.id));
  const given = input.before;
  const sameTrustee = (a: unknown, b: unknown) => (a === undefined || b === undefined ? a === b : sameIdentity(String(a), String(b)));
  const readForThese = given && sameIdentity(given.params.identity, params.identity) && sameTrustee(given.params.trustee, params.trustee);
  const before = readForThese ? given.read : readBeforeEarly(ex, action, params, policy, from);
  const [mailbox, trustee] = await readTogether([
    resolveRecipient(ex, "identity", params.identity, `No mailbox matches "${params.identity}". Pick one from the list.`),
    typeof params.trustee === "string"
      ? resolveRecipient(ex, "trustee", params.trustee, `No one in the directory matches "${params.trustee}". Pick a person from the list.`)
      : Promise.resolve(null),
  ] as const);
  const resolved: Record<string, unknown> & { identity: string } = { ...params, identity: mailbox.address || params.identity };
  if (trustee) {
    resolved.trustee = trustee.address || params.trustee;
    if (sameIdentity(String(resolved.trustee), resolved.identity)) {
      throw new AppError("INVALID_INPUT", undefined, { trustee: ["A mailbox cannot be its own delegate. Choose another person."] });
    }
  }
  // The early read stands for the change only when it read the very mailbox and person the
  // change names; otherwise the execution reads again.
  const sameTarget = sameIdentity(resolved.identity, params.identity) && (!trustee || sameIdentity(String(resolved.trustee), String(params.trustee)));

  const decision = decideApproval({
    risk: action.risk,
    policy,
    target: { address: resolved.identity, department: mailbox.department },
    protectedTargets,
  });
  const reason = input.reason?.trim() || null;
  if (decision.requiresApproval && !reason) {
    throw new AppError("INVALID_INPUT", `${decision.because} Say why it is needed; the approver reads it.`, { reason: ["Say why this change is needed."] });
  }

  const requestId = randomUUID();
  const expiresAt = decision.requiresApproval ? new Date(Date.now() + decision.pendingHours * 3600_000) : null;
  const request: TNewRequest = {
    id: requestId,
    tenantId: user.tid,
    requester: user,
    action: action.id,
    targetMailbox: resolved.identity,
    targetDisplayName: mailbox.displayName,
    trusteeDisplayName: trustee?.displayName || null,
    scheduleZone: input.scheduleZone ?? null,
    parameters: resolved,
    reason,
    status: expiresAt ? "PENDING_APPROVAL" : from ? "SCHEDULED" : "QUEUED",
    expiresAt,
    revertOf: input.revertOf,
    until: input.until ?? null,
    coverId: input.coverId,
    // A grant that waits for its start is due then; a direct one runs with the submitter's token.
    dueAt: from ?? undefined,
    executor: from && !expiresAt ? user : undefined,
  };
  // Write-ahead: the request and its audit events are committed before Exchange is called.
  const create = async (tx: Prisma.TransactionClient) => {
    if (input.revertOf) await claimRevert(tx, input.revertOf);
    await createRequests(tx, [request], actor);
  };
  if (expiresAt) {
    await getDb().$transaction(create);
    return { requestId, outcome: null, pending: { because: decision.because, expiresAt }, scheduled: null, trustee };
  }
  if (from) {
    await getDb().$transaction(async (tx) => {
      await create(tx);
      await scheduleGrant(tx, request, user, actor);
    });
    return { requestId, outcome: null, pending: null, scheduled: { dueAt: from }, trustee };
  }
  // A direct change starts in the transaction that creates it, with the submitter's token.
  const outcome = await executeRequest({ request, action, params: resolved, executor: user, ex, actor, prepare: create, before: sameTarget ? before : undefined, onClaimed: input.onClaimed });
  return { requestId, outcome, pending: null, scheduled: null, trustee };
}
