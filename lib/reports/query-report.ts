import { z } from "zod";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { DELEGATE_KINDS, type TDelegateKind, type TReportRowData } from "./map-report-row";

// A report's rows filtered, sorted and paged in the database: the page's URL is the query, and
// the CSV export takes the same query (without the page) so the file holds what the page shows.

export const PAGE_SIZE = 100;
export const AUTO_REPLY_FILTERS = ["Enabled", "Scheduled", "Disabled", "unread"] as const;
export const HAS_FILTERS = ["any", "none", ...DELEGATE_KINDS] as const;
export const SORT_KEYS = ["address", "name", "department", "autoReply", "delegates", ...DELEGATE_KINDS] as const;
export type TReportSortKey = (typeof SORT_KEYS)[number];

const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
const ZText = (what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(200, `Keep the ${what} under 200 characters.`)
      .regex(/^[^\p{Cc}]*$/u, `The ${what} cannot contain control characters.`)
      .optional(),
  );

export const ZReportQuery = z.object({
  q: ZText("search text"),
  autoReply: z.preprocess(blankToUndefined, z.enum(AUTO_REPLY_FILTERS, "Choose Enabled, Scheduled, Disabled or Not read.").optional()),
  department: ZText("department"),
  has: z.preprocess(blankToUndefined, z.enum(HAS_FILTERS, "Choose a kind of delegate from the list.").optional()),
  sort: z.preprocess(blankToUndefined, z.enum(SORT_KEYS, "Choose a column to sort by from the list.").default("address")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], "Choose ascending or descending.").default("asc")),
  page: z.preprocess(blankToUndefined, z.coerce.number("The page must be a number.").int("The page must be a whole number.").min(1, "Pages start at 1.").max(1_000_000, "There are not that many pages.").default(1)),
});
export type TReportQuery = z.output<typeof ZReportQuery>;
export type TReportFilter = Omit<TReportQuery, "sort" | "dir" | "page">;

export type TReportRow = {
  address: string;
  displayName: string;
  department: string | null;
  kind: string;
  state: string;
  error: string | null;
} & TReportRowData;

const COLUMN: Record<TDelegateKind, Prisma.Sql> = {
  fullAccess: Prisma.raw(`coalesce(cardinality("fullAccess"), 0)`),
  sendAs: Prisma.raw(`coalesce(cardinality("sendAs"), 0)`),
  sendOnBehalf: Prisma.raw(`coalesce(cardinality("sendOnBehalf"), 0)`),
  calendar: Prisma.raw(`coalesce(cardinality("calendar"), 0)`),
};
const ALL_DELEGATES = Prisma.sql`(${Prisma.join(DELEGATE_KINDS.map((k) => COLUMN[k]), " + ")})`;

const SORT: Record<TReportSortKey, Prisma.Sql> = {
  address: Prisma.raw(`lower("address")`),
  name: Prisma.raw(`lower("displayName")`),
  department: Prisma.raw(`lower("department")`),
  autoReply: Prisma.raw(`"autoReplyState"`),
  delegates: ALL_DELEGATES,
  ...COLUMN,
};

// LIKE treats % and _ as wildcards; the person's text is matched literally.
export function toLikePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function reportWhere(reportId: string, f: TReportFilter): Prisma.Sql {
  const where = [Prisma.sql`"reportId" = ${reportId}::uuid`];
  if (f.q) {
    const like = toLikePattern(f.q);
    const delegates = Prisma.raw(`array_to_string(coalesce("fullAccess", '{}') || coalesce("sendAs", '{}') || coalesce("sendOnBehalf", '{}') || coalesce("calendar", '{}'), E'\\n')`);
    where.push(Prisma.sql`("address" ILIKE ${like} OR "displayName" ILIKE ${like} OR ${delegates} ILIKE ${like})`);
  }
  if (f.autoReply === "unread") where.push(Prisma.sql`"state" <> 'READ'`);
  else if (f.autoReply) where.push(Prisma.sql`"state" = 'READ' AND "autoReplyState" = ${f.autoReply}`);
  if (f.department) where.push(Prisma.sql`lower("department") = lower(${f.department})`);
  if (f.has === "any") where.push(Prisma.sql`${ALL_DELEGATES} > 0`);
  else if (f.has === "none") where.push(Prisma.sql`"state" = 'READ' AND ${ALL_DELEGATES} = 0`);
  else if (f.has) where.push(Prisma.sql`${COLUMN[f.has]} > 0`);
  return Prisma.join(where, " AND ");
}

function orderBy(q: Pick<TReportQuery, "sort" | "dir">): Prisma.Sql {
  const dir = Prisma.raw(q.dir === "desc" ? "DESC" : "ASC");
  // The address breaks ties, so pages never overlap or skip a row.
  return Prisma.sql`${SORT[q.sort]} ${dir} NULLS LAST, "address" ASC`;
}

const SELECT = Prisma.raw(
  `"address", "displayName", "department", "kind", "state", "error", "autoReplyState", "startTime", "endTime", "externalAudience",
   coalesce("fullAccess", '{}') AS "fullAccess", coalesce("sendAs", '{}') AS "sendAs", coalesce("sendOnBehalf", '{}') AS "sendOnBehalf", coalesce("calendar", '{}') AS "calendar"`,
);

async function selectRows(db: PrismaClient, reportId: string, q: Omit<TReportQuery, "page">, limit: number, offset: number): Promise<TReportRow[]> {
  return await db.$queryRaw<TReportRow[]>`SELECT ${SELECT} FROM "MailboxReportRow" WHERE ${reportWhere(reportId, q)} ORDER BY ${orderBy(q)} LIMIT ${limit} OFFSET ${offset}`;
}

export type TReportPage = { rows: TReportRow[]; matching: number; pages: number };

export async function queryReportRows(db: PrismaClient, reportId: string, q: TReportQuery): Promise<TReportPage> {
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM "MailboxReportRow" WHERE ${reportWhere(reportId, q)}`;
  const rows = await selectRows(db, reportId, q, PAGE_SIZE, (q.page - 1) * PAGE_SIZE);
  return { rows, matching: n, pages: Math.max(1, Math.ceil(n / PAGE_SIZE)) };
}

// Every matching row in order, a batch at a time (a built report no longer changes).
export async function* iterateReportRows(db: PrismaClient, reportId: string, q: Omit<TReportQuery, "page">, batch = 500): AsyncGenerator<TReportRow> {
  for (let offset = 0; ; offset += batch) {
    const rows = await selectRows(db, reportId, q, batch, offset);
    yield* rows;
    if (rows.length < batch) return;
  }
}

export async function listReportDepartments(db: PrismaClient, reportId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ d: string }[]>`SELECT DISTINCT "department" AS d FROM "MailboxReportRow" WHERE "reportId" = ${reportId}::uuid AND "department" IS NOT NULL ORDER BY 1`;
  return rows.map((r) => r.d);
}
