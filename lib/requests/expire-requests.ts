import "server-only";
import { getDb } from "@/lib/db/client";
import type { TRequestStatus } from "@/lib/workflow/request-status";
import { transitionRequest } from "./transition-request";

type TPendingLike = { id: string; status: TRequestStatus; targetMailbox: string; action: string; expiresAt: Date | null };

// A pending request past its limit becomes EXPIRED (by the system, audited); it can then
// never be approved or run.
export async function expireIfOverdue(request: TPendingLike, now = new Date()): Promise<TRequestStatus> {
  if (request.status !== "PENDING_APPROVAL" || !request.expiresAt || request.expiresAt > now) return request.status;
  try {
    return await getDb().$transaction((tx) =>
      transitionRequest(tx, request, "expire", {}, { type: "request.expired", data: { expiresAt: request.expiresAt!.toISOString() } }, null),
    );
  } catch {
    // Someone decided it at the same moment: what is stored now is the truth.
    return (await getDb().request.findUnique({ where: { id: request.id }, select: { status: true } }))?.status ?? request.status;
  }
}

export async function expireOverdueRequests(now = new Date()): Promise<number> {
  const overdue = await getDb().request.findMany({ where: { status: "PENDING_APPROVAL", expiresAt: { lte: now } }, take: 500 });
  let expired = 0;
  for (const r of overdue) if ((await expireIfOverdue(r, now)) === "EXPIRED") expired++;
  return expired;
}
