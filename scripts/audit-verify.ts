// npm run audit:verify — recompute the audit hash chain of the configured database.
// Exits 1 naming the first broken event, 0 with the chain's head when it is whole.
import { verifyAuditChain } from "../lib/audit/verify-chain";
import { closeDb, describeDbTarget, getDb } from "../lib/db";

try {
  const report = await verifyAuditChain(getDb());
  if (report.ok) {
    console.log(`Audit chain intact: ${report.events} events in ${describeDbTarget()}; head ${report.head}.`);
  } else {
    console.error(`Audit chain BROKEN at event #${report.broken.seq} (id ${report.broken.id}): ${report.broken.reason}. ${report.events} events before it verified.`);
    process.exitCode = 1;
  }
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
} finally {
  await closeDb();
}
