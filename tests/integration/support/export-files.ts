import { writeFile } from "node:fs/promises";
import path from "node:path";
import { streamHistoryExport } from "@/lib/audit/export-history";
import type { TExportFormat } from "@/lib/audit/export-format";
import type { THistoryQuery } from "@/lib/audit/query-history";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { repoRoot, runTsx, type TRun } from "../db/helpers";

// An export as the auditor's browser receives it, saved to a file.
export async function saveExport(db: PrismaClient, query: THistoryQuery, format: TExportFormat, file: string): Promise<string> {
  const text = await new Response(streamHistoryExport(db, query, format)).text();
  await writeFile(file, text, "utf8");
  return text;
}

// A Prisma client that lets `before` run (e.g. another writer appending) before each raw query,
// i.e. after the export has read the chain head and before it reads a batch of rows.
export function interceptRawQueries(db: PrismaClient, before: () => Promise<void>): PrismaClient {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "$queryRaw") {
        return async (...args: Parameters<PrismaClient["$queryRaw"]>) => {
          await before();
          return await target.$queryRaw(...args);
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

// `npx tsx scripts/audit-verify.ts …` on the database this test process uses (DATABASE_URL).
export function runAuditVerifyCli(args: string[]): Promise<TRun> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("runAuditVerifyCli needs the test's DATABASE_URL (useMigratedEmbeddedDb)");
  return runTsx(path.join(repoRoot, "scripts", "audit-verify.ts"), args, { env: { DATABASE_URL: url } });
}
