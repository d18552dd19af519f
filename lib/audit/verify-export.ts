import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { CSV_COLUMNS } from "./export-format";
import { recomputeHash, type TStoredEvent } from "./verify-chain";

// Checks an export someone holds against the chain: every row's content still produces its
// hash, the database holds that same hash at that seq, and the export's head is in the chain.

export type TExportCheck =
  | { ok: true; rows: number; head: string | null }
  | { ok: false; rows: number; problem: string };

const ZHeader = z.object({ export: z.object({ chainHead: z.object({ seq: z.string(), hash: z.string() }).nullable() }) });

const ZJsonRow = z.object({
  seq: z.string(),
  id: z.string(),
  at: z.string(),
  type: z.string(),
  actorOid: z.string().nullable(),
  actorUpn: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  actorIp: z.string().nullable(),
  actorUserAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  targetMailbox: z.string().nullable(),
  action: z.string().nullable(),
  status: z.string().nullable(),
  data: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

function fromJsonRow(row: z.infer<typeof ZJsonRow>): TStoredEvent {
  return { ...row, seq: BigInt(row.seq), at: new Date(row.at) };
}

function fromCsvRecord(r: Record<(typeof CSV_COLUMNS)[number], string>): TStoredEvent {
  const orNull = (v: string) => (v === "" ? null : v);
  return {
    seq: BigInt(r.seq),
    id: r.id,
    at: new Date(r.at),
    type: r.type,
    actorOid: orNull(r.actor_oid),
    actorUpn: orNull(r.actor_upn),
    actorName: orNull(r.actor_name),
    actorRoles: z.array(z.string()).parse(JSON.parse(r.actor_roles)),
    actorIp: orNull(r.actor_ip),
    actorUserAgent: orNull(r.actor_user_agent),
    requestId: orNull(r.request_id),
    targetMailbox: orNull(r.target_mailbox),
    action: orNull(r.action),
    status: orNull(r.status),
    data: JSON.parse(r.data) as unknown,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

async function* readJsonl(file: string): AsyncGenerator<{ head?: string | null; seq?: string; row?: TStoredEvent }> {
  let first = true;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const value: unknown = JSON.parse(line);
    if (first) {
      const header = ZHeader.parse(value).export.chainHead;
      yield { head: header?.hash ?? null, seq: header?.seq };
      first = false;
    } else yield { row: fromJsonRow(ZJsonRow.parse(value)) };
  }
}

async function* readCsv(file: string): AsyncGenerator<{ head?: string | null; seq?: string; row?: TStoredEvent }> {
  // The head is in the preamble's comment lines, which the parser skips; read it first.
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line.startsWith("#")) break;
    const m = /^# chain head: seq (\d+), hash ([0-9a-f]{64})/.exec(line);
    if (m) yield { head: m[2], seq: m[1] };
    else if (line.startsWith("# chain head: empty")) yield { head: null };
  }
  const records = createReadStream(file).pipe(parse({ columns: true, comment: "#", comment_no_infix: true, relax_quotes: false }));
  for await (const record of records) yield { row: fromCsvRecord(record as Record<(typeof CSV_COLUMNS)[number], string>) };
}

export async function verifyExportFile(db: PrismaClient, file: string): Promise<TExportCheck> {
  const reader = file.endsWith(".csv") ? readCsv(file) : readJsonl(file);
  let rows = 0;
  let head: string | null | undefined;
  try {
    for await (const item of reader) {
      if (item.row === undefined) {
        head = item.head;
        if (item.head && item.seq) {
          const stored = await db.auditEvent.findUnique({ where: { seq: BigInt(item.seq) }, select: { hash: true } });
          if (stored?.hash !== item.head) return { ok: false, rows, problem: `the export's chain head (seq ${item.seq}) is not in this database's chain` };
        }
        continue;
      }
      const row = item.row;
      if (recomputeHash(row) !== row.hash) return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) was edited after export: its content does not match its hash` };
      const stored = await db.auditEvent.findUnique({ where: { seq: row.seq }, select: { hash: true } });
      if (stored?.hash !== row.hash) return { ok: false, rows, problem: `row seq ${row.seq} (id ${row.id}) is not in this database's chain` };
      rows++;
    }
  } catch (e) {
    return { ok: false, rows, problem: `the file is not an ExoDesk export: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (head === undefined) return { ok: false, rows, problem: "the file has no export header (chain head)" };
  return { ok: true, rows, head };
}
