import { ZHistoryQuery, type THistoryQuery } from "@/lib/audit/query-history";

export const QUERY_KEYS = ["actor", "mailbox", "action", "status", "type", "requestId", "from", "to", "only", "sort", "dir"] as const;
type TSearchParams = Record<string, string | string[] | undefined>;

export function firstValue(sp: TSearchParams, key: string): string | undefined {
  const v = sp[key];
  return Array.isArray(v) ? v[0] : v;
}

// The page's URL is the query: bookmarkable, shareable, and the export link reuses it.
export function readHistoryQuery(sp: TSearchParams) {
  const raw = Object.fromEntries(QUERY_KEYS.map((k) => [k, firstValue(sp, k)]).filter(([, v]) => v !== undefined));
  return { raw: raw as Record<string, string>, parsed: ZHistoryQuery.safeParse(raw) };
}

export function toSearch(query: Partial<THistoryQuery> & { after?: string; format?: string }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : "";
}
