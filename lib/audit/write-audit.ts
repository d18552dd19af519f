import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { CHAIN_LOCK_KEY, GENESIS_HASH, hashAuditRow, type TAuditRow, type THashedRow } from "./audit-row";
import { toCanonicalJson } from "./canonical-json";
import { ZAuditEvent, type TActorSnapshot, type TAuditEvent } from "./events";

// What an event is about. action and status (the request's state after the event) are
// copied into columns so the auditor's history can filter on them.
export type TAuditSubject = { requestId?: string; targetMailbox?: string; action?: string; status?: string };

export type TNewAuditRow = { id: string; at: Date; type: string; actor: TActorSnapshot | null; subject: TAuditSubject; data: unknown; prevHash: string };

// An event's columns as stored, and their hash. Addresses and UPNs are stored in their normal
// form (lib/exchange/identity.ts), the form the history's filters look them up in.
export function toAuditRow(e: TNewAuditRow): Omit<TAuditRow, "seq"> {
  const row: THashedRow = {
    id: e.id,
    at: e.at,
    type: e.type,
    actorOid: e.actor?.oid ?? null,
    actorUpn: e.actor ? normaliseIdentity(e.actor.upn) : null,
    actorName: e.actor?.name ?? null,
    actorRoles: e.actor?.roles ?? [],
    actorIp: e.actor?.ip ?? null,
    actorUserAgent: e.actor?.userAgent ?? null,
    requestId: e.subject.requestId ?? null,
    targetMailbox: e.subject.targetMailbox === undefined ? null : normaliseIdentity(e.subject.targetMailbox),
    action: e.subject.action ?? null,
    status: e.subject.status ?? null,
    // As jsonb will return it: undefined members dropped.
    data: JSON.parse(toCanonicalJson(e.data)) as unknown,
    prevHash: e.prevHash,
  };
  return { ...row, hash: hashAuditRow(row) };
}

// The head of the chain as a transaction last appended it. The chain's lock is held until that
// transaction ends, so no one else can have appended since: its next event (a request's
// submission and its start, a bulk change's thousands) needs neither the lock nor the head again.
const appendedBy = new WeakMap<Prisma.TransactionClient, { hash: string; at: Date }>();

// Appends one event inside the caller's transaction, so the state change and its audit row
// commit together or not at all.
export async function writeAudit(
  tx: Prisma.TransactionClient,
  event: TAuditEvent,
  actor: TActorSnapshot | null,
  subject: TAuditSubject = {},
): Promise<void> {
  const { type, data } = ZAuditEvent.parse(event);
  let last = appendedBy.get(tx) ?? null;
  if (!last) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
    last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true, at: true } });
  }
  // Time never steps back along the chain, even between instances with skewed clocks: the
  // history's date filters rely on it (query-history.ts).
  const now = new Date();
  const at = last && last.at > now ? last.at : now;
  const row = toAuditRow({ id: randomUUID(), at, type, actor, subject, data, prevHash: last?.hash ?? GENESIS_HASH });
  await tx.auditEvent.create({ data: { ...row, data: row.data as Prisma.InputJsonValue } });
  appendedBy.set(tx, { hash: row.hash, at: row.at });
}
