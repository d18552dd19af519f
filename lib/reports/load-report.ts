import "server-only";
import { z } from "zod";
import type { TActorSnapshot } from "@/lib/audit/events";
import type { TSessionUser } from "@/lib/auth/session-user";
import { AppError } from "@/lib/errors/app-error";
import type { MailboxReport, PrismaClient } from "@/lib/generated/prisma/client";
import { recordRefusal } from "@/lib/requests/record-refusal";

// A report shows what one person's Exchange scope can read, so only that person sees it:
// anyone else's id (or one that does not parse) is answered exactly as a missing report.

export type TReportProgress = { total: number | null; read: number; failed: number; pending: number };
export type TReportSummary = MailboxReport & { progress: TReportProgress };

// Someone else's report is refused on the record (pages and the export route pass no actor:
// theirs is read from the request served).
export async function loadMyReport(db: PrismaClient, user: TSessionUser, id: string, actor?: TActorSnapshot): Promise<MailboxReport> {
  if (!z.uuid().safeParse(id).success) throw new AppError("NOT_FOUND", "That report does not exist or you cannot see it.");
  const report = await db.mailboxReport.findUnique({ where: { id } });
  if (report && report.requesterOid === user.oid && report.tenantId === user.tid) return report;
  if (report) await recordRefusal(user, actor, { attempted: "report.view", because: "only the person who built a report may see it", reportId: id });
  throw new AppError("NOT_FOUND", "That report does not exist or you cannot see it.");
}

async function countStates(db: PrismaClient, reportIds: string[]): Promise<Map<string, Record<string, number>>> {
  const groups = await db.mailboxReportRow.groupBy({ by: ["reportId", "state"], where: { reportId: { in: reportIds } }, _count: { _all: true } });
  const counts = new Map<string, Record<string, number>>();
  for (const g of groups) counts.set(g.reportId, { ...counts.get(g.reportId), [g.state]: g._count._all });
  return counts;
}

function toProgress(report: MailboxReport, states: Record<string, number> | undefined): TReportProgress {
  const read = states?.READ ?? 0;
  const failed = states?.FAILED ?? 0;
  return { total: report.total, read, failed, pending: states?.PENDING ?? 0 };
}

export async function readReportProgress(db: PrismaClient, report: MailboxReport): Promise<TReportProgress> {
  return toProgress(report, (await countStates(db, [report.id])).get(report.id));
}

export async function listMyReports(db: PrismaClient, user: TSessionUser, limit = 50): Promise<TReportSummary[]> {
  const reports = await db.mailboxReport.findMany({ where: { requesterOid: user.oid, tenantId: user.tid }, orderBy: { createdAt: "desc" }, take: limit });
  const counts = await countStates(db, reports.map((r) => r.id));
  return reports.map((r) => ({ ...r, progress: toProgress(r, counts.get(r.id)) }));
}

// "1,234 of 5,000 mailboxes read (25 %)"; before the listing is done the total is unknown.
export function describeProgress(p: TReportProgress): { done: number; percent: number | null } {
  const done = p.read + p.failed;
  return { done, percent: p.total ? Math.floor((done / p.total) * 100) : p.total === 0 ? 100 : null };
}
