import { diffStates } from "@/lib/audit/diff-state";

// Before → after of one change, one row per field that differs.
export function StateDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return <p className="text-sm text-slate-500">Exchange was not read, so there is no before/after.</p>;
  const changes = diffStates(before, after);
  if (changes.length === 0) return <p className="text-sm text-slate-500">No difference between before and after.</p>;
  return (
    <table className="w-full border-collapse text-xs">
      <caption className="sr-only">Fields that changed</caption>
      <thead className="bg-slate-100 text-left">
        <tr>
          <th scope="col" className="px-2 py-1">Field</th>
          <th scope="col" className="px-2 py-1">Before</th>
          <th scope="col" className="px-2 py-1">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className="border-t border-slate-200 align-top">
            <th scope="row" className="px-2 py-1 text-left font-mono font-normal">{c.path}</th>
            <td className="px-2 py-1 break-all bg-red-50">{c.before ?? <span className="text-slate-400">—</span>}</td>
            <td className="px-2 py-1 break-all bg-green-50">{c.after ?? <span className="text-slate-400">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
