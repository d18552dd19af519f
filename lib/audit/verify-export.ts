import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { fromExportTexts, hashAuditRow, ZJsonRow, type TAuditRow, type TCsvColumn } from "./audit-row";
import { iterateHistory, ZHistoryQuery, type THistoryQuery } from "./query-history";

// Checks an export someone holds against the chain: the export's head is in the chain; every
// row's content still produces its hash; and the rows are exactly, in order, the ones the
// chain holds for the export's view up to that head, so a removed, added, repeated or moved
// row is caught as well as an edited one.

export type TExportCheck =
  | { ok: true; rows: number; head: string | null }
  | { ok: false; rows: number; problem: string };

type THead = { seq: bigint; hash: string } | null;
type TExportItem = { kind: "header"; head: THead; query: THistoryQuery } | { kind: "row"; row: TAuditRow };

const ZHead = z.object({ seq: z.string().regex(/^\d+$/), hash: z.string() }).nullable();
const ZHeader = z.object({ export: z.object({ chainHead: ZHead, query: z.record(z.string(), z.string()) }) });

function toHead(head: z.infer<typeof ZHead>): THead {
  return head && { seq: BigInt(head.seq), hash: head.hash };
}

async function* readJsonl(file: string): AsyncGenerator<TExportItem> {
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const value: unknown = JSON.parse(line);
    if (first) {
      const header = ZHeader.parse(value).export;
      yield { kind: "header", head: toHead(header.chainHead), query: ZHistoryQuery.parse(header.query) };
      first = false;
    } else yield { kind: "row", row: ZJsonRow.parse(value) };
  }
}

async function* readCsv(file: string): AsyncGenerator<TExportItem> {
  // The head and the view are in the preamble's comment lines, which the parser skips.
  let head: THead | undefined;
  let query: THistoryQuery | undefined;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.startsWith("#")) break;
    const m = /^# chain head: seq (\d+), hash ([0-9a-f]{64})$/.exec(line);
    if (m) head = { seq: BigInt(m[1]!), hash: m[2]! };
    else if (line === "# chain head: empty chain") head = null;
    else if (line.startsWith("# view: ")) query = ZHistoryQuery.parse(JSON.parse(line.slice("# view: ".length)));
  }
  if (head === undefined || !query) throw new Error("the preamble lacks the chain head or the view");
  yield { kind: "header", head, query };
  // An unquoted empty field is null; a quoted one ("") is an empty string.
  const records = createReadStream(file).pipe(
    parse({ columns: true, comment: "#", comment_no_infix: true, cast: (value, context) => (context.header || context.quoting || value !== "" ? value : null) }),
  );
  for await (const record of records) yield { kind: "row", row: fromExportTexts(record as Record<TCsvColumn, string | null>) };
}

export async function verifyExportFile(db: PrismaClient, file: string): Promise<TExportCheck> {
  const items = file.endsWith(".csv") ? readCsv(file) : readJsonl(file);
  let rows = 0;
  try {
    const first = await items.next();
    if (first.done || first.value.kind !== "header") return { ok: false, rows, problem: "the file has no export header (chain head and view)" };
    const { head, query } = first.value;
    if (head) {
      const stored = await db.auditEvent.findUnique({ where: { seq: head.seq }, select: { hash: true } });
      if (stored?.hash !== head.hash) return { ok: false, rows, problem: `the export's chain head (seq ${head.seq}) is not in this database's chain` };
    }
    // What the chain holds for this view up to the head, walked alongside the file.
    const expected = head ? iterateHistory(db, query, { upToSeq: head.seq }) : null;
    for await (const item of items) {
      if (item.kind !== "row") continue;
      const { row } = item;
      const chainRow = expected ? await expected.next() : { done: true as const, value: undefined };
      if (hashAuditRow(row) !== row.hash) return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) was edited after export: its content does not match its hash` };
      if (chainRow.done) return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) is not in this view of the chain (an added or repeated row)` };
      if (chainRow.value.seq !== row.seq) {
        return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) is where the chain has seq ${chainRow.value.seq}: a row was removed, added or moved` };
      }
      if (chainRow.value.hash !== row.hash) return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) is not in this database's chain` };
      rows++;
    }
    const missing = expected ? await expected.next() : { done: true as const };
    if (!missing.done) return { ok: false, rows, problem: `the export ends before seq ${missing.value.seq}, which the chain holds for this view: rows were removed` };
    return { ok: true, rows, head: head?.hash ?? null };
  } catch (e) {
    return { ok: false, rows, problem: `the file is not an ExoDesk export: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    await items.return(undefined);
  }
}
