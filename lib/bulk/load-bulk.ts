import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { recordRefusal, type TAttempt } from "@/lib/requests/record-refusal";
import { describeStatus, type TRequestStatus, type TStatusEnding } from "@/lib/workflow/request-status";

export type TItemGroup = NonNullable<TStatusEnding> | "remaining";

// Where a mailbox's latest attempt stands, in the four groups the progress view counts.
export function groupOf(status: TRequestStatus): TItemGroup {
  return describeStatus(status).ending ?? "remaining";
}

export type TBulkItem = {
  requestId: string;
  address: string;
  displayName: string | null;
  status: TRequestStatus;
  group: TItemGroup;
  verification: "VERIFIED" | "DRIFTED" | null;
  errorKind: string | null;
  errorMessage: string | null;
  warnings: string[];
  attempt: number;
  finishedAt: Date | null;
};

export type TBulkView = {
  id: string;
  createdAt: Date;
  requesterUpn: string;
  parameters: Record<string, unknown>;
  pausedReason: string | null;
  running: boolean;
  counts: Record<TItemGroup, number> & { total: number; verified: number; queued: number };
  items: TBulkItem[]; // latest attempt per mailbox, in address order
};

// The latest attempt of every mailbox: a retry is a new request, and it is what counts.
export function latestAttempts<T extends { targetMailbox: string; attempt: number }>(rows: T[]): T[] {
  const latest = new Map<string, T>();
  for (const r of rows) {
    const seen = latest.get(r.targetMailbox);
    if (!seen || r.attempt > seen.attempt) latest.set(r.targetMailbox, r);
  }
  return [...latest.values()].sort((a, b) => a.targetMailbox.localeCompare(b.targetMailbox));
}

// The requester's own bulk change; anyone else's is answered as a missing one, and the
// refusal is recorded (pages pass no actor: theirs is read from the request served).
export async function findOwnBulk(user: TSessionUser, bulkId: string, refusal: { actor?: TActorSnapshot; attempted: TAttempt }) {
  const valid = z.uuid().safeParse(bulkId).success;
  const bulk = valid ? await getDb().bulk.findUnique({ where: { id: bulkId } }) : null;
  if (bulk && bulk.requesterOid === user.oid && bulk.tenantId === user.tid) return bulk;
  if (bulk) await recordRefusal(user, refusal.actor, { attempted: refusal.attempted, because: "only the requester may see or control a bulk change", bulkId });
  throw new AppError("NOT_FOUND", "No bulk change with that id is yours to see.");
}

// A bulk change as its requester sees it.
export async function loadBulk(user: TSessionUser, bulkId: string, actor?: TActorSnapshot): Promise<TBulkView> {
  const db = getDb();
  const bulk = await findOwnBulk(user, bulkId, { actor, attempted: "bulk.view" });
  const rows = await db.request.findMany({
    where: { bulkId },
    select: { id: true, targetMailbox: true, targetDisplayName: true, status: true, verification: true, errorKind: true, errorMessage: true, warnings: true, attempt: true, finishedAt: true },
  });
  const items = latestAttempts(rows).map(
    (r): TBulkItem => ({
      requestId: r.id,
      address: r.targetMailbox,
      displayName: r.targetDisplayName,
      status: r.status,
      group: groupOf(r.status),
      verification: r.verification,
      errorKind: r.errorKind,
      errorMessage: r.errorMessage,
      warnings: r.warnings,
      attempt: r.attempt,
      finishedAt: r.finishedAt,
    }),
  );
  const counts = { total: items.length, done: 0, failed: 0, remaining: 0, "not-run": 0, verified: 0, queued: 0 };
  for (const item of items) {
    counts[item.group]++;
    if (item.verification === "VERIFIED") counts.verified++;
    if (item.status === "QUEUED") counts.queued++;
  }
  return {
    id: bulk.id,
    createdAt: bulk.createdAt,
    requesterUpn: bulk.requesterUpn,
    parameters: bulk.parameters as Record<string, unknown>,
    pausedReason: bulk.pausedReason,
    running: bulk.runnerLeaseUntil !== null && bulk.runnerLeaseUntil > new Date(),
    counts,
    items,
  };
}

export async function listBulks(user: TSessionUser) {
  return await getDb().bulk.findMany({
    where: { requesterOid: user.oid, tenantId: user.tid },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, itemCount: true, action: true, pausedReason: true },
  });
}
