import "server-only";
import { randomUUID } from "node:crypto";
import type { TActorSnapshot } from "@/lib/audit/events";
import { writeAudit } from "@/lib/audit/write-audit";
import type { TCatalogueAction } from "@/lib/cmdlets/types";
import { removalActionOf } from "@/lib/cmdlets/right-kinds";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { getSetting } from "@/lib/env/settings";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TRequestStatus } from "@/lib/workflow/request-status";
import { transition, type TExecutionOutcome } from "@/lib/workflow/state-machine";
import { notifyRequest } from "./notify-request";
import { describeHandOver, handOverEvent, settleTimeBoundRight } from "./schedule-removal";
import { transitionRequest } from "./transition-request";

export type TOutcome = {
  status: TExecutionOutcome;
  verification: "VERIFIED" | "DRIFTED" | null;
  before: unknown;
  after: unknown;
  warnings: string[];
  error: { kind: string; message: string; status?: number; errorId?: string } | null;
};

// How long one execution may take: the before-read, the change and the read-back, each
// within the Exchange client's timeout and retry budget (about 150 s at worst). A request still EXECUTING after its lease was
// interrupted, and any call it had in flight has ended at Exchange too.
function executionLease(now = new Date()): Date {
  return new Date(now.getTime() + getSetting("EXODESK_EXECUTION_LEASE_SECONDS") * 1000);
}

// Exchange refused these before changing anything: the request failed, nothing to reconcile.
const NOT_APPLIED = new Set(["not_found", "invalid_input", "rbac_denied", "out_of_scope", "throttled", "unauthorized"]);
// The mailbox already is as asked ("existing permission entry", "no existing entry"): not an
// alarm, just Exchange's note; the read-back below confirms it.
const NOTHING_TO_DO = new Set(["already_exists", "entry_missing"]);

export function toErrorRecord(e: unknown): NonNullable<TOutcome["error"]> {
  if (e instanceof ExchangeError) return { kind: e.kind, message: e.message, status: e.status, errorId: e.errorId };
  // No token to call Exchange with (the person must sign in again), or Entra ID unreachable.
  if (e instanceof AppError) return { kind: e.code.toLowerCase(), message: e.message };
  return { kind: "unknown", message: "ExoDesk could not complete the call to Exchange." };
}

// A read of the mailbox's state, its failure kept as a value: a read started early (see
// submit-request.ts) is awaited later, or never.
export type TStateRead<TState> = { ok: true; state: TState } | { ok: false; error: unknown };

export async function tryRead<TState>(fn: () => Promise<TState>): Promise<TStateRead<TState>> {
  try {
    return { ok: true, state: await fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

// before → change → after → compare, with an honest status whatever Exchange does. The before-
// read may have been started already, with exactly these parameters.
async function runAgainstExchange<P extends { identity: string }, S>(
  action: TCatalogueAction<P, S>,
  params: P,
  ex: TExchange,
  clientRequestId: string,
  startedBefore: Promise<TStateRead<S>> | undefined,
): Promise<TOutcome> {
  const before = await (startedBefore ?? tryRead(() => action.readState(ex, params)));
  if (!before.ok) {
    return { status: "FAILED", verification: null, before: null, after: null, warnings: [], error: toErrorRecord(before.error) };
  }
  let warnings: string[] = [];
  let writeError: unknown = null;
  try {
    warnings = (await action.apply(ex, params, clientRequestId, before.state)).warnings;
  } catch (e) {
    if (e instanceof ExchangeError && NOTHING_TO_DO.has(e.kind)) warnings = [e.message];
    else writeError = e;
  }
  if (writeError instanceof ExchangeError && NOT_APPLIED.has(writeError.kind)) {
    return { status: "FAILED", verification: null, before: before.state, after: null, warnings, error: toErrorRecord(writeError) };
  }
  // Exchange either accepted the change or left us unsure (5xx, unreadable answer): the
  // mailbox itself says what happened.
  const after = await tryRead(() => action.readState(ex, params));
  if (!after.ok) {
    const error = toErrorRecord(writeError ?? after.error);
    return writeError
      ? { status: "OUTCOME_UNKNOWN", verification: null, before: before.state, after: null, warnings, error }
      : { status: "SUCCEEDED", verification: null, before: before.state, after: null, warnings: [...warnings, "Exchange accepted the change, but reading the mailbox back failed, so it is not verified."], error: null };
  }
  const applied = action.isApplied(params, after.state);
  if (writeError) {
    return applied
      ? { status: "SUCCEEDED", verification: "VERIFIED", before: before.state, after: after.state, warnings: [...warnings, `Exchange's answer was not clear (${toErrorRecord(writeError).message}), but reading the mailbox back shows the change is in place.`], error: null }
      : { status: "FAILED", verification: null, before: before.state, after: after.state, warnings, error: toErrorRecord(writeError) };
  }
  return { status: "SUCCEEDED", verification: applied ? "VERIFIED" : "DRIFTED", before: before.state, after: after.state, warnings, error: null };
}

// A request ready to run: queued (a bulk item, or a direct change just created), approved, or
// a due scheduled change (a removal or a grant; scheduled, or waiting for someone).
type TReadyRequest = { id: string; status: TRequestStatus; targetMailbox: string; action: string };

// The one way a change runs. The request is claimed for `executor` by a conditional move to
// EXECUTING, committed with its execution.started event before Exchange is called, so it runs
// at most once whoever else tries (a second claim is a CONFLICT); `prepare` writes what must
// commit with the claim (the approval, or the new request itself). Then Exchange is called with
// `ex` (the executor's own token) and the outcome is recorded. A crash in between leaves the
// request EXECUTING until its lease passes; reconcile-requests.ts then reads the mailbox back.
// `before`: the before-read, when the caller started it already (it changes nothing, so it may
// run before the claim commits). Who a recipient is and the calendar folder's name are asked
// once per change (remember-stable-reads.ts).
export async function executeRequest<P extends { identity: string }, S>(input: {
  request: TReadyRequest;
  action: TCatalogueAction<P, S>;
  params: P;
  executor: { oid: string; upn: string };
  ex: TExchange;
  actor: TActorSnapshot;
  prepare?: (tx: Prisma.TransactionClient) => Promise<unknown>;
  before?: Promise<TStateRead<S>>;
  // A scheduled change (schedule-removal.ts: a time-bound grant's removal, or a grant that
  // waited for its start): run as the person planned, or by a helpdesk person after they could
  // not. One that does not happen stays due, handed over to the helpdesk (NEEDS_SOMEONE), never FAILED.
  scheduled?: TScheduledRun;
  // Told once the claim has committed, before Exchange is called (an absence cover's other
  // parts wait for it: submit-absence-cover.ts).
  onClaimed?: () => void;
}): Promise<TOutcome> {
  const { request, action, executor, actor } = input;
  const clientRequestId = randomUUID();
  await getDb().$transaction(async (tx) => {
    await input.prepare?.(tx);
    await transitionRequest(
      tx,
      request,
      "start",
      { executorOid: executor.oid, executorUpn: executor.upn, clientRequestId, startedAt: new Date(), leaseUntil: executionLease() },
      { type: "execution.started", data: { action: action.id, clientRequestId, ...scheduledRunOf(action.id, input.scheduled) } },
      actor,
    );
  });
  input.onClaimed?.();
  return await runAndRecord({
    requestId: request.id,
    clientRequestId,
    action,
    params: input.params,
    ex: rememberStableReads(input.ex),
    actor,
    before: input.before,
    // A scheduled run has nobody watching: its outcome is told to whom it concerns.
    watchedBy: input.scheduled === "planned" ? null : executor.oid,
    handOver: input.scheduled ? { executorUpn: executor.upn, grant: removalActionOf(action.id) !== null } : null,
  });
}

// Who runs a scheduled change: the person planned (the grant's executor for a removal; the
// submitter or approver for a grant that waited for its start), or a helpdesk person after them.
export type TScheduledRun = "planned" | "helpdesk";

// The audit's words for it (execution.started).
function scheduledRunOf(actionId: string, run: TScheduledRun | undefined) {
  if (!run) return {};
  if (removalActionOf(actionId)) return { grant: run === "planned" ? ("scheduled, at its start, by the person planned" as const) : ("by a helpdesk person after the person planned could not" as const) };
  return { removal: run === "planned" ? ("scheduled, by its original executor" as const) : ("by a helpdesk person after the original executor could not" as const) };
}

// Runs a claimed change against Exchange and records the outcome with its execution.finished
// event and the notifications it causes.
async function runAndRecord<P extends { identity: string }, S>(input: {
  requestId: string;
  clientRequestId: string;
  action: TCatalogueAction<P, S>;
  params: P;
  ex: TExchange;
  actor: TActorSnapshot;
  before: Promise<TStateRead<S>> | undefined;
  // Who sees the outcome on their screen as it arrives (the requester needs no message then).
  watchedBy: string | null;
  // A scheduled change's executor: one that did not happen is handed over, not failed.
  handOver: { executorUpn: string; grant: boolean } | null;
}): Promise<TOutcome> {
  const { handOver } = input;
  const ran = await runAgainstExchange(input.action, input.params, input.ex, input.clientRequestId, input.before);
  // A scheduled change that did not happen (refused, or not read back as asked) stays due.
  const notDone = ran.status === "FAILED" || (ran.status === "SUCCEEDED" && ran.verification === "DRIFTED");
  const unseen = handOver?.grant ? "Exchange accepted the grant, but reading the mailbox back does not show the right." : "Exchange accepted the removal, but reading the mailbox back still shows the right.";
  const error = ran.error ?? { kind: "not_applied", message: unseen };
  const outcome: TOutcome =
    notDone && handOver ? { ...ran, status: "NEEDS_SOMEONE", verification: null, error: { ...error, message: describeHandOver(error, handOver.executorUpn) } } : ran;
  const event = outcome.status === "SUCCEEDED" ? "succeed" : outcome.status === "FAILED" ? "fail" : outcome.status === "NEEDS_SOMEONE" ? "hand-over" : "lose-track";
  const json = (v: unknown) => (v === null ? undefined : (v as Prisma.InputJsonValue));
  await getDb().$transaction(async (tx) => {
    const status = transition("EXECUTING", event);
    const updated = await tx.request.updateMany({
      where: { id: input.requestId, status: "EXECUTING" },
      data: {
        status,
        before: json(outcome.before),
        after: json(outcome.after),
        verification: outcome.verification,
        warnings: outcome.warnings,
        errorKind: outcome.error?.kind ?? null,
        errorMessage: outcome.error?.message ?? null,
        finishedAt: new Date(),
        leaseUntil: null,
      },
    });
    if (updated.count !== 1) throw new Error(`request ${input.requestId} was no longer executing when its outcome arrived`);
    const subject = { requestId: input.requestId, targetMailbox: input.params.identity, action: input.action.id, status };
    await writeAudit(tx, { type: "execution.finished", data: { ...outcome, clientRequestId: input.clientRequestId } }, input.actor, subject);
    if (status === "NEEDS_SOMEONE" && handOver) {
      await writeAudit(tx, handOverEvent(handOver.grant, { executorUpn: handOver.executorUpn, why: outcome.error!.message }), input.actor, subject);
    }
    if (status === "SUCCEEDED") await settleTimeBoundRight(tx, { id: input.requestId, action: input.action.id }, input.actor);
    await notifyRequest(tx, input.requestId, { watchedBy: input.watchedBy });
  });
  return outcome;
}
