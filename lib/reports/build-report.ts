import "server-only";
import { toActingUser } from "@/lib/auth/acting-user";
import type { TSessionUser } from "@/lib/auth/session-user";
import { listMailboxes } from "@/lib/cmdlets/read-mailbox";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { getDb } from "@/lib/db/client";
import { getSetting } from "@/lib/env/settings";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import type { MailboxReport, PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "@/lib/log/logger";
import { queueNotification } from "@/lib/notifications/queue-notification";
import { formatUtcMinute } from "@/lib/time/format";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";
import { insertReportRows } from "./insert-report-rows";
import { readPendingRows } from "./read-pending-rows";
import { claimReportLease, keepReportLease } from "./report-lease";
import { readTenantDelegates, type TTenantDelegates } from "./read-tenant-delegates";

export type TExchangeFor = (user: TSessionUser) => Promise<TExchange>;

export type TBuildOptions = {
  db?: PrismaClient;
  exchangeFor?: TExchangeFor;
  concurrency?: number;
  batchSize?: number;
  // How old the tenant-wide reads may be when a batch starts (default 10 minutes).
  tenantReadMaxAgeMs?: number;
  // Stops the build between mailboxes (those in flight finish and are written); the lease is
  // released so the report can be resumed at once.
  signal?: AbortSignal;
};

// ready: every row read; failed: the report cannot be built (see its error); paused: it waits
// for a sign-in or for Exchange, and resumes on a later sweep; stopped: the signal aborted or
// another process took over; busy: another process holds the lease.
export type TBuildOutcome = "ready" | "failed" | "paused" | "stopped" | "busy";

// A report that cannot continue for this long (its requester never signs in again) fails.
const GIVE_UP_MS = 24 * 3600 * 1000;
// A row joins the tenant-wide SendAs and SendOnBehalf entries to its own reads; they are read
// again at a batch boundary once this old, so the two are never further apart than this and a
// batch.
const TENANT_READ_MAX_AGE_MS = 10 * 60 * 1000;

// Builds (or continues) one report in this process: phase 1 lists the mailboxes and adds a
// PENDING row for each; phase 2 reads the tenant-wide SendAs and SendOnBehalf entries
// (read-tenant-delegates.ts), then the PENDING rows in batches, with a fresh token per batch
// (a long run outlives one token), until none is left; then READY with generatedAt. Nothing
// tenant-wide is stored: a resumed build lists and reads it again, so no row mixes a read from
// before the interruption (which may have lasted hours) with per-mailbox reads made after it.
export async function buildReport(reportId: string, options: TBuildOptions = {}): Promise<TBuildOutcome> {
  const db = options.db ?? getDb();
  const exchangeFor = options.exchangeFor ?? createExchangeForUser;
  const concurrency = options.concurrency ?? getSetting("EXODESK_REPORT_CONCURRENCY");
  const batchSize = options.batchSize ?? concurrency * 16;
  const maxAgeMs = options.tenantReadMaxAgeMs ?? TENANT_READ_MAX_AGE_MS;
  const held = await claimReportLease(db, reportId);
  if (!held) return "busy";
  const report = await db.mailboxReport.findUniqueOrThrow({ where: { id: reportId } });
  // Whose Exchange scope the report shows: the requester's, with their own token.
  const user = toActingUser({ oid: report.requesterOid, tid: report.tenantId, upn: report.requesterUpn, name: report.requesterName });
  // A note from an earlier pause no longer applies once the build runs again.
  if (report.error) await db.mailboxReport.updateMany({ where: { id: reportId, builderLeaseUntil: held }, data: { error: null } });
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let lost = false;
  const lease = keepReportLease(db, reportId, held, () => {
    lost = true;
    stop.abort();
  });
  try {
    // The listing is also the directory that names each delegate by address.
    const mailboxes = await listMailboxes(await exchangeFor(user));
    if (report.total === null && !(await insertReportRows(db, reportId, mailboxes, lease.current()))) return "stopped";
    let tenant: TTenantDelegates | null = null;
    while (!stop.signal.aborted) {
      const pending = await db.mailboxReportRow.findMany({ where: { reportId, state: "PENDING" }, select: { address: true }, orderBy: { address: "asc" }, take: batchSize });
      if (pending.length === 0) break;
      const ex = await exchangeFor(user);
      if (tenant === null || Date.now() - tenant.readAt >= maxAgeMs) tenant = await readTenantDelegates(ex, mailboxes);
      await readPendingRows({ db, reportId, addresses: pending.map((r) => r.address), ex, tenant, concurrency, signal: stop.signal });
    }
    await lease.stop();
    if (lost) return "stopped";
    if (stop.signal.aborted) {
      await db.mailboxReport.updateMany({ where: { id: reportId, status: "BUILDING", builderLeaseUntil: lease.current() }, data: { builderLeaseUntil: null } });
      return "stopped";
    }
    const ended = await endBuild(db, report, lease.current(), { status: "READY", generatedAt: new Date(), error: null });
    return ended ? "ready" : "stopped";
  } catch (e) {
    await lease.stop();
    if (lost) return "stopped";
    return await settleInterruptedBuild(db, report, lease.current(), e);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function describeStop(report: MailboxReport, e: unknown): { pause: boolean; note: string } {
  if (e instanceof AppError && (e.code === "REAUTH_REQUIRED" || e.code === "UNAUTHENTICATED")) {
    return { pause: true, note: `Paused: Microsoft needs ${report.requesterUpn} to sign in to ExoDesk again. The report continues from where it stopped within a minute of the next sign-in.` };
  }
  if (e instanceof ExchangeError && e.kind === "unauthorized") {
    return { pause: true, note: `Paused: Exchange no longer accepts ${report.requesterUpn}'s sign-in. Sign in to ExoDesk again; the report then continues from where it stopped.` };
  }
  if ((e instanceof ExchangeError && (e.kind === "throttled" || e.kind === "transient")) || (e instanceof AppError && e.code === "UNAVAILABLE")) {
    return { pause: true, note: `Paused: ${e.message} The report continues by itself in a few minutes.` };
  }
  // Listing the mailboxes or reading the tenant's delegates was refused (no Exchange role, for
  // example): nothing to build.
  if (e instanceof ExchangeError) return { pause: false, note: `Exchange refused a read the report needs: ${e.message}` };
  return { pause: true, note: "Paused: ExoDesk hit an unexpected problem. The report continues by itself in a few minutes; tell an admin if it stays paused." };
}

// Keeps the report BUILDING with a note saying why and what happens next (the sweep resumes
// it once the lease is released), or fails it when nothing can help or it waited too long.
async function settleInterruptedBuild(db: PrismaClient, report: MailboxReport, lease: Date, e: unknown): Promise<TBuildOutcome> {
  const { pause, note } = describeStop(report, e);
  if (!(e instanceof AppError || e instanceof ExchangeError)) log.error({ err: e instanceof Error ? e : { message: "non-error thrown" }, reportId: report.id }, "mailbox report build stopped");
  const tooOld = Date.now() - report.createdAt.getTime() > GIVE_UP_MS;
  const where = { id: report.id, status: "BUILDING" as const, builderLeaseUntil: lease };
  if (pause && !tooOld) {
    await db.mailboxReport.updateMany({ where, data: { error: note, builderLeaseUntil: e instanceof AppError ? null : lease } });
    return "paused";
  }
  const reason = pause ? `Could not finish within ${GIVE_UP_MS / 3600_000} hours. ${note.replace(/^Paused: /, "Last problem: ")}` : note;
  await endBuild(db, report, lease, { status: "FAILED", error: reason });
  return "failed";
}

// The build's end, READY or FAILED, if this builder still holds the lease; its owner is told in
// the same transaction (README, "Notifications").
async function endBuild(db: PrismaClient, report: MailboxReport, lease: Date, end: { status: "READY" | "FAILED"; error: string | null; generatedAt?: Date }): Promise<boolean> {
  return await db.$transaction(async (tx) => {
    const { count } = await tx.mailboxReport.updateMany({ where: { id: report.id, status: "BUILDING", builderLeaseUntil: lease }, data: { ...end, builderLeaseUntil: null } });
    if (count !== 1) return false;
    const total = await tx.mailboxReportRow.count({ where: { reportId: report.id } });
    const ready = end.status === "READY";
    await queueNotification(tx, {
      event: "report.finished",
      tid: report.tenantId,
      path: `/reports/${report.id}`,
      subject: ready ? `Mailbox report ready: ${total} ${total === 1 ? "mailbox" : "mailboxes"}` : "Mailbox report failed",
      text: ready ? `The mailbox report you started on ${formatUtcMinute(report.createdAt)} UTC is ready: ${total} ${total === 1 ? "mailbox" : "mailboxes"}.` : `The mailbox report you started on ${formatUtcMinute(report.createdAt)} UTC could not be built. ${end.error ?? ""}`.trim(),
      people: [{ oid: report.requesterOid, upn: report.requesterUpn }],
    });
    return true;
  });
}
