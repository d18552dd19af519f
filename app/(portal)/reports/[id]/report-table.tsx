import { Link } from "@/app/_components/link";
import { DELEGATE_KINDS, DELEGATE_LABELS, DELEGATE_RIGHTS, type TDelegateKind } from "@/lib/reports/map-report-row";
import type { TReportQuery, TReportRow, TReportSortKey } from "@/lib/reports/query-report";
import { toReportSearch } from "./report-params";
import { formatUtcMinute } from "@/lib/time/format";
import { rightEndKey, type TRightEnds } from "@/lib/cmdlets/right-kinds";

function SortHeader({ base, query, sortKey, label }: { base: string; query: TReportQuery; sortKey: TReportSortKey; label: string }) {
  const active = query.sort === sortKey;
  const dir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" className="px-2 py-2" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={`${base}${toReportSearch({ ...query, sort: sortKey, dir, page: 1 })}`} className="underline-offset-2 hover:underline">
        {label}
        {active && <span aria-hidden="true">{query.dir === "asc" ? " ↑" : " ↓"}</span>}
      </Link>
    </th>
  );
}


function AutoReplyCell({ row }: { row: TReportRow }) {
  if (row.state === "FAILED") return <span className="text-red-800">Could not read: {row.error}</span>;
  if (row.state !== "READ") return <span className="text-slate-600">Not read yet</span>;
  return (
    <>
      {row.autoReplyState}
      {row.autoReplyState === "Scheduled" && (
        <div className="text-xs text-slate-600">
          {formatUtcMinute(row.startTime)} – {formatUtcMinute(row.endTime)} UTC
        </div>
      )}
      {row.autoReplyState !== "Disabled" && row.externalAudience && <div className="text-xs text-slate-600">External: {row.externalAudience}</div>}
    </>
  );
}

// A delegate as the report names it (a calendar entry: "address: Role"), with the end of its
// right when it is time-bound (`ends`: list-removals.ts).
function Delegate({ row, kind, entry, ends }: { row: TReportRow; kind: TDelegateKind; entry: string; ends: TRightEnds }) {
  const person = kind === "calendar" ? entry.split(":")[0]! : entry;
  const end = ends[rightEndKey(row.address, DELEGATE_RIGHTS[kind], person)];
  return <li>{entry}{end && <span className="text-slate-700"> (until {formatUtcMinute(new Date(end))} UTC)</span>}</li>;
}

export function ReportTable({ base, rows, query, ends }: { base: string; rows: TReportRow[]; query: TReportQuery; ends: TRightEnds }) {
  return (
    <div className="mt-4 overflow-x-auto">
      <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">Mailboxes matching the filters, with automatic replies and delegates</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <SortHeader base={base} query={query} sortKey="address" label="Mailbox" />
            <SortHeader base={base} query={query} sortKey="name" label="Name" />
            <SortHeader base={base} query={query} sortKey="department" label="Department" />
            <SortHeader base={base} query={query} sortKey="autoReply" label="Automatic replies" />
            {DELEGATE_KINDS.map((k) => (
              <SortHeader key={k} base={base} query={query} sortKey={k} label={DELEGATE_LABELS[k]} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.address} className="border-t border-slate-200 align-top" data-address={r.address}>
              <td className="px-2 py-2 break-all">{r.address}<div className="text-xs text-slate-600">{r.kind}</div></td>
              <td className="px-2 py-2">{r.displayName}</td>
              <td className="px-2 py-2">{r.department ?? "—"}</td>
              <td className="px-2 py-2"><AutoReplyCell row={r} /></td>
              {DELEGATE_KINDS.map((k) => (
                <td key={k} className="px-2 py-2 text-xs break-all">
                  {r[k].length === 0 ? <span className="text-slate-600">none</span> : (
                    <ul>{r[k].map((d) => <Delegate key={d} row={r} kind={k} entry={d} ends={ends} />)}</ul>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
