import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { HISTORY_SELECT, type TAuditRow } from "./audit-row";

// The auditor's history: audit events filtered on indexed columns, sorted, and paged by
// keyset (the last row's sort value and seq), so page 10,000 costs what page 1 costs.

const SORTS = { time: null, actor: "actorUpn", mailbox: "targetMailbox", action: "action" } as const;
export type TSortKey = keyof typeof SORTS;

const ZDay = z.iso.date({ message: "Use a date like 2026-11-23." });
const ZOptionalText = z.string().trim().max(320).optional().transform((v) => v || undefined);
// UPNs and addresses are stored in their normal form (write-audit.ts), so they are looked up in it.
const ZOptionalAddress = z.string().overwrite(normaliseIdentity).max(320).optional().transform((v) => v || undefined);

export const ZHistoryQuery = z
  .object({
    actor: ZOptionalAddress,
    mailbox: ZOptionalAddress,
    action: ZOptionalText,
    status: ZOptionalText,
    type: ZOptionalText,
    requestId: z.uuid({ message: "A request id looks like 3f2c…-…; copy it from a request page." }).optional().or(z.literal("").transform(() => undefined)),
    from: ZDay.optional().or(z.literal("").transform(() => undefined)),
    to: ZDay.optional().or(z.literal("").transform(() => undefined)),
    // Only the events of the removals that end time-bound grants (scheduled by ExoDesk).
    only: z.enum(["scheduled-removals"], "Choose what to show only.").optional().or(z.literal("").transform(() => undefined)),
    sort: z.enum(Object.keys(SORTS) as [TSortKey, ...TSortKey[]]).default("time"),
    dir: z.enum(["asc", "desc"]).default("desc"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The start date is after the end date.", path: ["to"] });

export type THistoryQuery = z.output<typeof ZHistoryQuery>;
export type THistoryFilter = Omit<THistoryQuery, "sort" | "dir">;

// One stored event, every column the hash covers.
export type THistoryRow = TAuditRow;

type TCursor = { v: string | null; s: string };
const MAX_SEQ = 2n ** 63n - 1n; // seq is a Postgres bigint: a larger one fails the query

export function encodeCursor(query: THistoryQuery, row: THistoryRow): string {
  const column = SORTS[query.sort];
  const cursor: TCursor = { v: column ? row[column] : null, s: row.seq.toString() };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(raw: string | undefined): TCursor | undefined {
  if (!raw) return undefined;
  try {
    const parsed = z.object({ v: z.string().nullable(), s: z.string().regex(/^\d{1,19}$/).refine((v) => BigInt(v) <= MAX_SEQ) }).parse(JSON.parse(Buffer.from(raw, "base64url").toString()));
    return parsed;
  } catch {
    return undefined; // A mangled link starts again at the first page.
  }
}

function whereFilters(f: THistoryFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (f.actor) where.push(Prisma.sql`"actorUpn" = ${f.actor}`);
  if (f.mailbox) where.push(Prisma.sql`"targetMailbox" = ${f.mailbox}`);
  if (f.action) where.push(Prisma.sql`"action" = ${f.action}`);
  if (f.status) where.push(Prisma.sql`"status" = ${f.status}`);
  if (f.type) where.push(Prisma.sql`"type" = ${f.type}`);
  if (f.requestId) where.push(Prisma.sql`"requestId" = ${f.requestId}::uuid`);
  if (f.only === "scheduled-removals") where.push(Prisma.sql`"requestId" IN (SELECT "id" FROM "Request" WHERE "removalOfId" IS NOT NULL)`);
  // Dates are whole UTC days, both ends included.
  if (f.from) where.push(Prisma.sql`"at" >= ${dayStart(f.from)}`);
  if (f.to) where.push(Prisma.sql`"at" < ${dayAfter(f.to)}`);
  return where;
}

const dayStart = (day: string) => new Date(`${day}T00:00:00.000Z`);
const dayAfter = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

// A date range as a range of seq: time never steps back along the chain (write-audit.ts), so
// the planner walks the seq index from the right place instead of filtering its way back
// through every newer event. null: no event in the range.
async function seqRangeOf(db: PrismaClient, f: THistoryFilter): Promise<Prisma.Sql[] | null> {
  const range: Prisma.Sql[] = [];
  if (f.from) {
    const first = await db.auditEvent.findFirst({ where: { at: { gte: dayStart(f.from) } }, orderBy: { at: "asc" }, select: { seq: true } });
    if (!first) return null;
    range.push(Prisma.sql`seq >= ${first.seq}`);
  }
  if (f.to) {
    const last = await db.auditEvent.findFirst({ where: { at: { lt: dayAfter(f.to) } }, orderBy: { at: "desc" }, select: { seq: true } });
    if (!last) return null;
    range.push(Prisma.sql`seq <= ${last.seq}`);
  }
  return range;
}

// Rows after the cursor in the chosen order. Nullable sort columns keep their null rows last
// when ascending and first when descending (the order a btree index on (column, seq) gives).
function whereAfter(query: THistoryQuery, cursor: TCursor): Prisma.Sql {
  const seq = BigInt(cursor.s);
  const column = SORTS[query.sort];
  const asc = query.dir === "asc";
  if (!column) return asc ? Prisma.sql`seq > ${seq}` : Prisma.sql`seq < ${seq}`;
  const col = Prisma.raw(`"${column}"`);
  if (asc) {
    return cursor.v === null
      ? Prisma.sql`(${col} IS NULL AND seq > ${seq})`
      : Prisma.sql`((${col}, seq) > (${cursor.v}, ${seq}) OR ${col} IS NULL)`;
  }
  return cursor.v === null
    ? Prisma.sql`((${col} IS NULL AND seq < ${seq}) OR ${col} IS NOT NULL)`
    : Prisma.sql`((${col}, seq) < (${cursor.v}, ${seq}))`;
}

function orderBy(query: THistoryQuery): Prisma.Sql {
  const column = SORTS[query.sort];
  const dir = query.dir === "asc" ? "ASC" : "DESC";
  if (!column) return Prisma.raw(`seq ${dir}`);
  return Prisma.raw(`"${column}" ${dir} NULLS ${query.dir === "asc" ? "LAST" : "FIRST"}, seq ${dir}`);
}

// One page of history, plus the cursor of the next page when there is one.
export async function queryHistory(
  db: PrismaClient,
  query: THistoryQuery,
  options: { after?: TCursor; limit?: number; upToSeq?: bigint } = {},
): Promise<{ rows: THistoryRow[]; next: string | null }> {
  const limit = options.limit ?? 50;
  const seqRange = await seqRangeOf(db, query);
  if (!seqRange) return { rows: [], next: null };
  const conditions = [...whereFilters(query), ...seqRange];
  if (options.after) conditions.push(whereAfter(query, options.after));
  if (options.upToSeq !== undefined) conditions.push(Prisma.sql`seq <= ${options.upToSeq}`);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const rows = await db.$queryRaw<THistoryRow[]>`
    SELECT ${Prisma.raw(HISTORY_SELECT)}
      FROM "AuditEvent" ${where}
     ORDER BY ${orderBy(query)}
     LIMIT ${limit + 1}`;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? encodeCursor(query, last) : null };
}

// Every matching row, in order, a batch at a time: what the export streams.
export async function* iterateHistory(
  db: PrismaClient,
  query: THistoryQuery,
  options: { upToSeq?: bigint; batchSize?: number } = {},
): AsyncGenerator<THistoryRow> {
  let after: TCursor | undefined;
  for (;;) {
    const { rows, next } = await queryHistory(db, query, { after, limit: options.batchSize ?? 2000, upToSeq: options.upToSeq });
    yield* rows;
    if (!next) return;
    after = decodeCursor(next);
  }
}

// The chain's newest event: its hash names the whole history up to now.
export async function readChainHead(db: PrismaClient): Promise<{ seq: bigint; hash: string; at: Date } | null> {
  return await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, at: true } });
}
