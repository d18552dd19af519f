// npm run audit:verify — recompute the audit hash chain of the configured database.
// Exits 1 naming the first broken event, 0 with the chain's head when it is whole.
// npm run audit:verify -- --export <file.csv|file.jsonl> — check an export against the chain.
import { verifyAuditChain } from "../lib/audit/verify-chain";
import { verifyExportFile } from "../lib/audit/verify-export";
import { closeDb, describeDatabase, getDb } from "../lib/db/client";
import { useConfiguredDatabase } from "./db/embedded-postgres";

async function verifyChain(): Promise<number> {
  const report = await verifyAuditChain(getDb());
  if (report.ok) {
    console.log(`Audit chain intact: ${report.events} events in ${describeDatabase()}; head ${report.head}.`);
    return 0;
  }
  console.error(`Audit chain BROKEN at event #${report.broken.seq} (id ${report.broken.id}): ${report.broken.reason}. ${report.events} events before it verified.`);
  return 1;
}

async function verifyExport(file: string): Promise<number> {
  const report = await verifyExportFile(getDb(), file);
  if (report.ok) {
    console.log(`Export verified: ${report.rows} rows match the chain in ${describeDatabase()}; export head ${report.head ?? "(empty chain)"}.`);
    return 0;
  }
  console.error(`Export does NOT verify: ${report.problem}. ${report.rows} rows before it matched.`);
  return 1;
}

const [flag, file] = process.argv.slice(2);
// Beside a running demo, its embedded server is used as it is (read-only work).
const database = await useConfiguredDatabase().catch((e: unknown) => {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
});
try {
  if (flag === "--export" && file) process.exitCode = await verifyExport(file);
  else if (flag === undefined) process.exitCode = await verifyChain();
  else {
    console.error("Usage: npm run audit:verify [-- --export <file.csv|file.jsonl>]");
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
} finally {
  await closeDb();
  await database.release();
}
