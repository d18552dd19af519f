import { beforeAll, describe, expect, it, vi } from "vitest";
import { verifyAuditChain } from "@/lib/audit/verify-chain";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import { markInterruptedExecutions, reconcileUnknownOutcomes } from "@/lib/requests/reconcile-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import type { TClock } from "@/lib/time/clock";
import type { CallRecord } from "../../emulator/exchange/call-log";
import type { ChaosCounters } from "../../emulator/exchange/chaos";
import { DEMO_TENANT_ID, DEMO_USERS } from "../../emulator/index";
import { useHarness, type Harness } from "../../emulator/test-support/harness";
import { useMigratedEmbeddedDb } from "../support/embedded-db";
import { setApprovalRequired } from "../support/people";
import { chaosExchangeAs, type TRetryCounts } from "./chaos-exchange";
import { entriesIn, keyOf, KINDS, operationKey, planOperations, type TOperation, type TStoredMailbox } from "./operations";

// Reliability under chaos: 2,000 changes through submitRequest with the real Exchange client
// while the emulator throttles 30 % of calls, fails 10 % with a 5xx (half of those after the
// cmdlet ran) and garbles 5 % of answers (after the cmdlet ran). Afterwards every request must
// be SUCCEEDED or FAILED exactly as the mailbox says, with no change lost or applied twice.
// chaos.test.ts runs it with the client waiting (Retry-After, backoff) on a virtual clock,
// chaos.long.test.ts on the real one.
//
// CHAOS_OPS (default 2000, a multiple of 5), CHAOS_SEED (default 42) and CHAOS_CONCURRENCY
// (default 16) change the run; the summary is printed at the end.
const OPS = Number(process.env.CHAOS_OPS ?? 2000);
const SEED = Number(process.env.CHAOS_SEED ?? 42);
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 16);
const PER_KIND = OPS / KINDS.length;
const CHAOS = { throttle: 0.3, serverError: 0.1, malformed: 0.05, serverErrorAfterShare: 0.5, seed: SEED, retryAfterSeconds: [0, 1] };

// `clockName` says in the test's name which clock the run waits on.
export function describeChaosRun(clock: TClock, clockName: string): void {
  useMigratedEmbeddedDb();
  const h = useHarness();
  beforeAll(async () => {
    // Reconciliation reads a request back only once its lease is over: no wait in this run.
    vi.stubEnv("EXODESK_EXECUTION_LEASE_SECONDS", "0");
    await setApprovalRequired(false, KINDS, "chaos-test");
  }, 120_000);

  describe("2,000 changes against an Exchange that throttles, fails and garbles", () => {
    it(`ends every request in the state the mailbox is in, none lost, none applied twice (${clockName})`, async () => {
      await runChaos(h, clock);
    }, 900_000);
  });
}

const helpdesk: TSessionUser = { oid: "chaos-helpdesk-oid", tid: DEMO_TENANT_ID, upn: DEMO_USERS.helpdesk, name: "Helpdesk Agent", roles: ["ExoDesk.Helpdesk"] };
const actor = { oid: helpdesk.oid, upn: helpdesk.upn, name: helpdesk.name, roles: helpdesk.roles, ip: null, userAgent: null };

type TRun = { op: TOperation; status: string | null; error: string | null };

async function runAll(ops: TOperation[], ex: TExchange): Promise<TRun[]> {
  const results: TRun[] = new Array(ops.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < ops.length; i = next++) {
      const op = ops[i]!;
      try {
        const r = await submitRequest({ user: helpdesk, actor, ex, actionId: op.actionId, rawParams: op.rawParams });
        results[i] = { op, status: r.outcome?.status ?? "PENDING", error: null };
      } catch (e) {
        const what = e instanceof ExchangeError ? `ExchangeError:${e.kind}` : e instanceof AppError ? `AppError:${e.code}` : `other:${String(e)}`;
        results[i] = { op, status: null, error: what };
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return results;
}

const tally = (values: string[]) => Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));

async function runChaos(h: Harness, clock: TClock): Promise<void> {
  const startedAt = Date.now();
  const db = getDb();

  // Targets: the demo tenant plus generated mailboxes, so every operation has its own.
  await h.control("POST", "seed-mailboxes", { count: Math.max(1, PER_KIND) });
  const initial = (await h.control<{ mailboxes: TStoredMailbox[] }>("GET", "state")).mailboxes;
  const ops = planOperations(initial, PER_KIND, SEED, `s${SEED}`);
  const byUpn = (mailboxes: TStoredMailbox[]) => new Map(mailboxes.map((m) => [m.userPrincipalName.toLowerCase(), m]));
  const before = byUpn(initial);
  expect(new Set(ops.map(keyOf)).size).toBe(OPS);
  for (const op of ops) expect(entriesIn(op, before.get(op.identity)!), `${keyOf(op)} already applied before the run`).toBe(0);

  const retries: TRetryCounts = { throttled: 0, transient: 0 };
  const ex = await chaosExchangeAs(h, DEMO_USERS.helpdesk, retries, clock);
  await h.control("DELETE", "calls");
  await h.control("POST", "chaos", CHAOS);
  const results = await runAll(ops, ex);
  const { counters } = await h.control<{ counters: ChaosCounters }>("GET", "chaos");
  await h.control("DELETE", "chaos");
  const runSeconds = (Date.now() - startedAt) / 1000;

  // Every submitRequest returned; nothing may still be executing in this process.
  expect(await db.request.count({ where: { status: "EXECUTING" } })).toBe(0);
  expect(await markInterruptedExecutions()).toBe(0);

  // Settle unknown outcomes by reading the mailboxes back (chaos is off now).
  const unknownAfterRun = await db.request.count({ where: { status: "OUTCOME_UNKNOWN" } });
  const reader = await chaosExchangeAs(h, DEMO_USERS.helpdesk, { throttled: 0, transient: 0 }, clock);
  for (let round = 0; round < 20 && (await db.request.count({ where: { status: "OUTCOME_UNKNOWN" } })) > 0; round++) {
    await reconcileUnknownOutcomes(async () => reader);
  }
  expect(await db.request.count({ where: { status: "OUTCOME_UNKNOWN" } })).toBe(0);

  const finalState = byUpn((await h.control<{ mailboxes: TStoredMailbox[] }>("GET", "state")).mailboxes);
  const calls = (await h.control<{ calls: CallRecord[] }>("GET", "calls")).calls;
  const requests = await db.request.findMany({ orderBy: { createdAt: "asc" } });
  const events = await db.auditEvent.findMany({ where: { requestId: { not: null } }, select: { requestId: true, type: true, status: true }, orderBy: { seq: "asc" } });

  // Each request belongs to exactly one operation; an operation has at most one request.
  const requestOf = new Map<string, (typeof requests)[number]>();
  for (const r of requests) {
    const key = operationKey(r.action, r.parameters as { identity: string });
    expect(requestOf.has(key), `two requests for ${key}`).toBe(false);
    requestOf.set(key, r);
  }
  expect(requests).toHaveLength(requestOf.size);

  // Writes from the call log, by the request's client-request-id.
  const writes = calls.filter((c) => c.cmdlet !== null && !/^get-/i.test(c.cmdlet));
  const knownIds = new Set(requests.map((r) => r.clientRequestId));
  // No write reached Exchange without its write-ahead request, and reads never changed anything.
  expect(writes.filter((c) => !knownIds.has(c.clientRequestId)).map((c) => c.cmdlet)).toEqual([]);
  expect(calls.filter((c) => c.changed && /^get-/i.test(c.cmdlet ?? ""))).toEqual([]);
  const changingCalls = new Map<string, number>();
  const attemptsOf = new Map<string, CallRecord[]>();
  for (const c of writes) {
    attemptsOf.set(c.clientRequestId!, [...(attemptsOf.get(c.clientRequestId!) ?? []), c]);
    if (c.changed) changingCalls.set(c.clientRequestId!, (changingCalls.get(c.clientRequestId!) ?? 0) + 1);
  }
  // Re-sent after an earlier attempt had already made the change: Exchange found it in place.
  const repeatsAfterApplied = [...attemptsOf.values()].reduce((n, list) => n + list.filter((c, i) => c.ran && list.slice(0, i).some((p) => p.changed)).length, 0);
  // A write that is not safe to repeat (a calendar role with a sharing invitation) may be sent
  // again only after a 429, the one answer that proves Exchange did not run it.
  const unsafeResent = [...attemptsOf.values()].filter(
    (list) => list[0]!.parameters?.SendNotificationToUser === true && list.slice(0, -1).some((c) => c.status !== 429),
  );

  const eventsOf = new Map<string, { type: string; status: string | null }[]>();
  for (const e of events) eventsOf.set(e.requestId!, [...(eventsOf.get(e.requestId!) ?? []), e]);

  const problems: string[] = [];
  for (const { op, status, error } of results) {
    const request = requestOf.get(keyOf(op));
    const inMailbox = entriesIn(op, finalState.get(op.identity)!);
    // "Applied twice" for a mailbox means two entries of the same grant (or the change made
    // by two calls). A retried idempotent write that found the change already in place
    // (Exchange's "already present" warning, or UserAlreadyExists) changed nothing: the call
    // log records changed = false for it, so it does not count. The honest measure is the
    // number of calls that actually changed the mailbox for this request: at most one.
    if (inMailbox > 1) problems.push(`${keyOf(op)}: ${inMailbox} entries in the mailbox`);
    if (!request) {
      // Refused before the write-ahead step (e.g. the mailbox lookup failed): nothing may have changed.
      if (status !== null) problems.push(`${keyOf(op)}: returned ${status} but no request is stored`);
      if (inMailbox !== 0) problems.push(`${keyOf(op)}: no request, yet the change is in the mailbox (${error})`);
      continue;
    }
    if (error !== null) problems.push(`${keyOf(op)}: submitRequest threw ${error} after storing request ${request.id}`);
    const changed = changingCalls.get(request.clientRequestId!) ?? 0;
    if (request.status !== "SUCCEEDED" && request.status !== "FAILED") problems.push(`${request.id}: not terminal (${request.status})`);
    if (request.status === "SUCCEEDED" && inMailbox !== 1) problems.push(`${request.id} ${keyOf(op)}: SUCCEEDED but the change is not in the mailbox (lost)`);
    if (request.status === "FAILED" && inMailbox !== 0) problems.push(`${request.id} ${keyOf(op)}: FAILED but the change is in the mailbox (${request.errorKind})`);
    if (changed > 1) problems.push(`${request.id} ${keyOf(op)}: ${changed} calls changed the mailbox (applied twice)`);
    if (changed !== inMailbox) problems.push(`${request.id} ${keyOf(op)}: ${changed} changing calls but ${inMailbox} entries`);
    if (request.status === "SUCCEEDED" && op.actionId === "full-access.grant") {
      const entry = finalState.get(op.identity)!.mailboxPermissions.find((e) => e.user.toLowerCase() === op.trustee);
      if (entry?.autoMapping !== op.rawParams.autoMapping) problems.push(`${request.id}: AutoMapping ${String(entry?.autoMapping)}, asked ${String(op.rawParams.autoMapping)}`);
    }
    const trail = eventsOf.get(request.id) ?? [];
    const started = trail.filter((e) => e.type === "execution.started").length;
    const terminal = trail.filter((e) => e.status === "SUCCEEDED" || e.status === "FAILED");
    if (started !== 1) problems.push(`${request.id}: ${started} execution.started events`);
    if (terminal.length !== 1 || terminal[0]!.status !== request.status || trail.at(-1) !== terminal[0]) {
      problems.push(`${request.id}: audit trail ${trail.map((e) => `${e.type}:${e.status}`).join(", ")} does not end once in ${request.status}`);
    }
  }

  const chain = await verifyAuditChain(db);
  const finalStatus = tally(requests.map((r) => r.status));
  const summary = {
    seed: SEED,
    operations: OPS,
    concurrency: CONCURRENCY,
    requestsStored: requests.length,
    refusedBeforeWriteAhead: tally(results.filter((r) => r.error !== null && !requestOf.has(keyOf(r.op))).map((r) => r.error!)),
    outcomeReturnedBySubmit: tally(results.filter((r) => r.status !== null).map((r) => r.status!)),
    outcomeUnknownAfterRun: unknownAfterRun,
    finalStatus,
    verification: tally(requests.map((r) => `${r.status}:${r.verification ?? "-"}`)),
    failedBecause: tally(requests.filter((r) => r.status === "FAILED").map((r) => r.errorKind ?? "-")),
    failedExample: Object.fromEntries(
      requests.filter((r) => r.status === "FAILED").map((r) => [r.errorKind ?? "-", `${r.action}: ${r.errorMessage ?? ""}`.slice(0, 240)]),
    ),
    byKind: Object.fromEntries(KINDS.map((k) => [k, tally(requests.filter((r) => r.action === k).map((r) => r.status))])),
    clientRetries: retries,
    emulatorCalls: calls.length,
    faultsInjected: counters,
    writesAttempted: writes.length,
    writeRetries: [...attemptsOf.values()].reduce((a, list) => a + list.length - 1, 0),
    changesHiddenByAFault: writes.filter((c) => c.changed && c.fault !== null).length,
    repeatsAfterTheChangeWasMade: repeatsAfterApplied,
    unsafeWritesResentAfterAnUnclearAnswer: unsafeResent.length,
    auditEvents: chain.events,
    auditChain: chain.ok ? "verified" : chain.broken,
    problems: problems.length,
    seconds: Math.round((Date.now() - startedAt) / 100) / 10,
    runSeconds: Math.round(runSeconds * 10) / 10,
  };
  console.log(`chaos run summary\n${JSON.stringify(summary, null, 2)}`);

  expect(problems.slice(0, 30)).toEqual([]);
  expect(unsafeResent.map((list) => list.map((c) => `${c.cmdlet}:${c.status}`).join(" → "))).toEqual([]);
  expect(chain.ok).toBe(true);
  // The run is meaningful only if chaos really hit it: faults after a change, and retries.
  expect(counters.serverErrorAfter + counters.malformed).toBeGreaterThan(0);
  expect(retries.throttled).toBeGreaterThan(0);
}
