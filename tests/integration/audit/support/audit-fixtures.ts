// Shared by the audit tests: real events written through writeAudit, tampering with the
// append-only triggers switched off (what a database owner could do), and the verify CLI.
import { randomUUID } from "node:crypto";
import path from "node:path";
import { writeAudit } from "@/lib/audit/write-audit";
import type { TActorSnapshot, TAuditEvent } from "@/lib/audit/events";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { repoRoot, runTsx, type TRun } from "../../db/helpers";

export { runTsx, type TRun };


const ADELE: TActorSnapshot = { oid: randomUUID(), upn: "adele@contoso.example", name: "Adele Vance", roles: ["ExoDesk.Helpdesk"], ip: "10.0.0.7", userAgent: "vitest" };
const MEGAN: TActorSnapshot = { oid: randomUUID(), upn: "megan@contoso.example", name: "Megan Bowen", roles: ["ExoDesk.Approver"], ip: null, userAgent: null };

/** Writes one request's life as real events (each in its own transaction); returns the rows in seq order. */
export async function writeSampleEvents(db: PrismaClient) {
  const requestId = randomUUID();
  const clientRequestId = randomUUID();
  const subject = { requestId, targetMailbox: "Shared-Sales@contoso.example", action: "grant-full-access" };
  const steps: [TAuditEvent, TActorSnapshot | null, string][] = [
    [{ type: "session.signed-in", data: {} }, ADELE, ""],
    [{ type: "request.submitted", data: { action: "grant-full-access", parameters: { user: "lee@contoso.example" }, needsApproval: true } }, ADELE, "PENDING"],
    [{ type: "request.approved", data: { comment: "ok for Q4" } }, MEGAN, "APPROVED"],
    [{ type: "execution.started", data: { action: "grant-full-access", clientRequestId } }, null, "EXECUTING"],
    [{ type: "execution.finished", data: { status: "SUCCEEDED", verification: "VERIFIED", clientRequestId, before: [], after: ["lee"], warnings: [], error: null } }, null, "SUCCEEDED"],
    [{ type: "session.signed-out", data: {} }, ADELE, ""],
  ];
  for (const [event, actor, status] of steps) {
    await db.$transaction((tx) => writeAudit(tx, event, actor, status ? { ...subject, status } : {}));
  }
  return db.auditEvent.findMany({ orderBy: { seq: "asc" } });
}

/** Runs statements with the append-only triggers off, then turns them on again, in one transaction. */
export async function tamperWithTriggersOff(db: PrismaClient, sql: string): Promise<void> {
  await db.$transaction([
    db.$executeRawUnsafe('ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"'),
    db.$executeRawUnsafe(sql),
    db.$executeRawUnsafe('ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"'),
  ]);
}

/** `npm run audit:verify` against the database in `env`.DATABASE_URL. */
export function runAuditVerify(env: Record<string, string>): Promise<TRun> {
  return runTsx(path.join(repoRoot, "scripts", "audit-verify.ts"), [], { env });
}
