// Many concurrent writers appending audit events, each append in its own transaction, the way
// simultaneous portal requests do. Shared by append-worker.ts (one OS process each) and the
// in-process test. Relative imports only: append-worker.ts runs under plain tsx.
import { randomUUID } from "node:crypto";
import { writeAudit } from "../../../../lib/audit/write-audit";
import type { PrismaClient } from "../../../../lib/generated/prisma/client";

// `perTransaction`: events each transaction appends (1 unless said; a request's submission and
// its start are two, a bulk change's submission thousands).
export type TAppendPlan = { label: string; writers: number; perWriter: number; perTransaction?: number };

/** The mark every appended event carries, so a test can tell who wrote what. */
export type TAppendMark = { label: string; writer: number; i: number };

export async function appendConcurrently(db: PrismaClient, plan: TAppendPlan): Promise<number> {
  const writers = Array.from({ length: plan.writers }, async (_, writer) => {
    const perTransaction = plan.perTransaction ?? 1;
    for (let first = 0; first < plan.perWriter; first += perTransaction) {
      await db.$transaction(async (tx) => {
        for (let i = first; i < Math.min(first + perTransaction, plan.perWriter); i++) {
          const mark: TAppendMark = { label: plan.label, writer, i };
          await writeAudit(
            tx,
            { type: "request.submitted", data: { action: "Set-Mailbox", parameters: mark } },
            { oid: randomUUID(), upn: `writer-${writer}@contoso.example`, name: `Writer ${writer}`, roles: ["ExoDesk.Helpdesk"], ip: "127.0.0.1", userAgent: plan.label },
            { requestId: randomUUID(), targetMailbox: `box-${i}@contoso.example` },
          );
        }
      });
    }
  });
  // Promise.all, not allSettled: one failed append must fail the run.
  await Promise.all(writers);
  return plan.writers * plan.perWriter;
}
