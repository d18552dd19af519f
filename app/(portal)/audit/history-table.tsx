import { Link } from "@/app/_components/link";
import type { THistoryQuery, THistoryRow, TSortKey } from "@/lib/audit/query-history";
import { labelEvent, summariseEvent } from "@/lib/audit/describe-event";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { toSearch } from "./history-params";

const COLUMNS: { key: TSortKey | null; label: string }[] = [
  { key: "time", label: "When (UTC)" },
  { key: null, label: "Event" },
  { key: "actor", label: "Actor" },
  { key: "mailbox", label: "Mailbox" },
  { key: "action", label: "Action" },
  { key: null, label: "State" },
  { key: null, label: "Hash" },
];

function SortHeader({ query, sortKey, label }: { query: THistoryQuery; sortKey: TSortKey; label: string }) {
  const active = query.sort === sortKey;
  const dir = active && query.dir === "desc" ? "asc" : "desc";
  return (
    <Link href={`/audit${toSearch({ ...query, sort: sortKey, dir })}`} className="underline-offset-2 hover:underline">
      {label}
      {active && <span aria-hidden="true">{query.dir === "desc" ? " ↓" : " ↑"}</span>}
    </Link>
  );
}

// Long addresses break anywhere, so the table fits the page (no sideways scrolling at 1024 px).
export function HistoryTable({ rows, query, caption }: { rows: THistoryRow[]; query: THistoryQuery; caption: string }) {
  return (
    <table className="mt-4 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm [overflow-wrap:anywhere]">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-100 text-left">
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.label} scope="col" className="px-3 py-2" aria-sort={c.key && query.sort === c.key ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
              {c.key ? <SortHeader query={query} sortKey={c.key} label={c.label} /> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.seq.toString()} className="border-t border-slate-200 align-top" data-seq={r.seq.toString()}>
            <td className="px-3 py-2 whitespace-nowrap">{r.at.toISOString().replace("T", " ").slice(0, 19)}</td>
            <td className="px-3 py-2">
              <span className="font-medium">{labelEvent(r.type)}</span>
              <div className="text-xs text-slate-600">{summariseEvent(r.type, r.data)}</div>
              {r.requestId && (
                <Link href={`/audit/requests/${r.requestId}`} className="text-xs text-blue-700 underline">
                  Request {r.requestId.slice(0, 8)}
                </Link>
              )}
            </td>
            <td className="px-3 py-2">{r.actorName ?? "ExoDesk"}<div className="text-xs text-slate-600">{r.actorUpn ?? "system"}</div></td>
            <td className="px-3 py-2">
              {r.targetMailbox ? <Link href={`/audit/mailboxes/${encodeURIComponent(r.targetMailbox)}`} className="text-blue-700 underline">{r.targetMailbox}</Link> : "—"}
            </td>
            <td className="px-3 py-2">{r.action ? getActionLabel(r.action) : "—"}</td>
            <td className="px-3 py-2">{r.status ?? "—"}</td>
            <td className="px-3 py-2 font-mono text-xs" title={r.hash}>{r.hash.slice(0, 12)}…</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
