import "server-only";
import { getDb } from "@/lib/db/client";
import type { TActorSnapshot } from "./events";
import { recordEvent } from "./record-event";
import { verifyAuditChain, type TChainReport } from "./verify-chain";

// A verification someone ran from the auditor's page, kept in the chain it verified.
export async function checkAuditChain(actor: TActorSnapshot): Promise<TChainReport> {
  const report = await verifyAuditChain(getDb());
  const data = report.ok
    ? { ok: true, events: report.events, head: report.head, brokenSeq: null, reason: null }
    : { ok: false, events: report.events, head: null, brokenSeq: report.broken.seq.toString(), reason: report.broken.reason };
  await recordEvent({ type: "audit.verified", data }, actor);
  return report;
}

export async function readLastChainCheck() {
  return await getDb().auditEvent.findFirst({
    where: { type: "audit.verified" },
    orderBy: { seq: "desc" },
    select: { at: true, actorUpn: true, data: true },
  });
}
