import { ZReportQuery, type TReportQuery } from "@/lib/reports/query-report";

export const QUERY_KEYS = ["q", "autoReply", "department", "has", "sort", "dir", "page"] as const;
type TSearchParams = Record<string, string | string[] | undefined>;

// The page's URL is the query: bookmarkable, and the CSV link reuses it.
export function readReportQuery(sp: TSearchParams) {
  const raw = Object.fromEntries(
    QUERY_KEYS.map((k) => [k, Array.isArray(sp[k]) ? sp[k][0] : sp[k]]).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  return { raw, parsed: ZReportQuery.safeParse(raw) };
}

export function toReportSearch(query: Partial<TReportQuery>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === "" || (k === "page" && v === 1) || (k === "sort" && v === "address") || (k === "dir" && v === "asc")) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
