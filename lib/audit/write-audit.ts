import { createHash, randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toCanonicalJson } from "./canonical-json";
import { ZAuditEvent, type TActorSnapshot, type TAuditEvent } from "./events";

export const GENESIS_HASH = "0".repeat(64);
// Serialises chain appends across transactions, processes and portal instances.
const CHAIN_LOCK_KEY = 0x45584f44; // "EXOD"

// What an event is about. action and status (the request's state after the event) are
// copied into columns so the auditor's history can filter on them.
export type TAuditSubject = { requestId?: string; targetMailbox?: string; action?: string; status?: string };

export type THashedFields = {
  id: string;
  at: Date;
  type: string;
  actor: TActorSnapshot | null;
  subject: TAuditSubject;
  data: unknown;
  prevHash: string;
};

export function computeAuditHash(row: THashedFields): string {
  const canonical = toCanonicalJson({
    id: row.id,
    at: row.at.toISOString(),
    type: row.type,
    actor: row.actor,
    requestId: row.subject.requestId ?? null,
    targetMailbox: row.subject.targetMailbox ?? null,
    // Added after the first events were written: hashed when set, so older chains still verify.
    ...(row.subject.action ? { action: row.subject.action } : {}),
    ...(row.subject.status ? { status: row.subject.status } : {}),
    data: row.data,
  });
  return createHash("sha256").update(row.prevHash + canonical).digest("hex");
}

// Appends one event inside the caller's transaction, so the state change and its audit row
// commit together or not at all.
export async function writeAudit(
  tx: Prisma.TransactionClient,
  event: TAuditEvent,
  actor: TActorSnapshot | null,
  subject: TAuditSubject = {},
): Promise<void> {
  const { type, data } = ZAuditEvent.parse(event);
  // Addresses and UPNs are case-insensitive in Exchange and Entra ID; one spelling keeps the
  // history searchable by index.
  const normalised: TAuditSubject = { ...subject, targetMailbox: subject.targetMailbox?.toLowerCase() };
  const normalisedActor = actor && { ...actor, upn: actor.upn.toLowerCase() };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true, at: true } });
  // Time never steps back along the chain, even between instances with skewed clocks: the
  // history's date filters rely on it (query-history.ts).
  const now = new Date();
  const fields: THashedFields = {
    id: randomUUID(),
    at: last && last.at > now ? last.at : now,
    type,
    actor: normalisedActor,
    subject: normalised,
    data: JSON.parse(toCanonicalJson(data)) as unknown,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.auditEvent.create({
    data: {
      id: fields.id,
      at: fields.at,
      type,
      actorOid: normalisedActor?.oid,
      actorUpn: normalisedActor?.upn,
      actorName: normalisedActor?.name,
      actorRoles: normalisedActor?.roles ?? [],
      actorIp: normalisedActor?.ip,
      actorUserAgent: normalisedActor?.userAgent,
      requestId: normalised.requestId,
      targetMailbox: normalised.targetMailbox,
      action: normalised.action,
      status: normalised.status,
      data: fields.data as Prisma.InputJsonValue,
      prevHash: fields.prevHash,
      hash: computeAuditHash(fields),
    },
  });
}
