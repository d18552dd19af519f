import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import type { PrismaClient } from "@/lib/generated/prisma/client";

const CHUNK = 1_000;

// Phase 1: one PENDING row per mailbox the listing showed, then the total. Repeating it after
// an interruption adds only what is missing (skipDuplicates), so a resumed build starts it
// again safely; once `total` is set the rows are complete and phase 1 is not run again.
export async function insertReportRows(db: PrismaClient, reportId: string, mailboxes: readonly TRecipient[], lease: Date): Promise<boolean> {
  const rows = mailboxes
    .filter((m) => m.address)
    .map((m) => ({
      reportId,
      address: m.address,
      displayName: m.displayName || m.address,
      department: m.department || null,
      kind: m.type,
      state: "PENDING",
      fullAccess: [],
      sendAs: [],
      sendOnBehalf: [],
      calendar: [],
    }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db.mailboxReportRow.createMany({ data: rows.slice(i, i + CHUNK), skipDuplicates: true });
  }
  const total = await db.mailboxReportRow.count({ where: { reportId } });
  const { count } = await db.mailboxReport.updateMany({ where: { id: reportId, status: "BUILDING", builderLeaseUntil: lease }, data: { total } });
  return count === 1;
}
