import type { PrismaClient } from "@/lib/generated/prisma/client";
import { computeAuditHash, GENESIS_HASH } from "./write-audit";

export type TStoredEvent = {
  seq: bigint;
  id: string;
  at: Date;
  type: string;
  actorOid: string | null;
  actorUpn: string | null;
  actorName: string | null;
  actorRoles: string[];
  actorIp: string | null;
  actorUserAgent: string | null;
  requestId: string | null;
  targetMailbox: string | null;
  action: string | null;
  status: string | null;
  data: unknown;
  prevHash: string;
  hash: string;
};

export type TChainReport =
  | { ok: true; events: number; head: string }
  | { ok: false; events: number; broken: { seq: bigint; id: string; reason: string } };

// The hash a stored row should have, recomputed from its columns exactly as written.
export function recomputeHash(e: TStoredEvent): string {
  // A system event was written with no actor; any actor column on it now is an alteration,
  // so it is hashed as an actor and will not match.
  const hasActor = Boolean(e.actorOid || e.actorUpn || e.actorName || e.actorRoles.length || e.actorIp || e.actorUserAgent);
  const actor = hasActor
    ? { oid: e.actorOid ?? "", upn: e.actorUpn ?? "", name: e.actorName ?? "", roles: e.actorRoles, ip: e.actorIp, userAgent: e.actorUserAgent }
    : null;
  return computeAuditHash({
    id: e.id,
    at: e.at,
    type: e.type,
    actor,
    subject: {
      requestId: e.requestId ?? undefined,
      targetMailbox: e.targetMailbox ?? undefined,
      action: e.action ?? undefined,
      status: e.status ?? undefined,
    },
    data: e.data,
    prevHash: e.prevHash,
  });
}

// Walks the whole chain in order of appending, in batches, and names the first event whose
// link or content does not match.
export async function verifyAuditChain(db: PrismaClient, batchSize = 5000): Promise<TChainReport> {
  let prev = GENESIS_HASH;
  let events = 0;
  let after: bigint | undefined;
  for (;;) {
    const batch: TStoredEvent[] = await db.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const e of batch) {
      if (e.prevHash !== prev) return { ok: false, events, broken: { seq: e.seq, id: e.id, reason: "its link to the previous event does not match (an event before it was removed, inserted or changed)" } };
      if (recomputeHash(e) !== e.hash) return { ok: false, events, broken: { seq: e.seq, id: e.id, reason: "its content does not match its hash (the row was altered)" } };
      prev = e.hash;
      events++;
    }
    if (batch.length < batchSize) return { ok: true, events, head: prev };
    after = batch[batch.length - 1]!.seq;
  }
}
