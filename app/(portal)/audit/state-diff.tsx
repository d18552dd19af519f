import { DataTable } from "@/app/_components/data-table";
import { diffStates } from "@/lib/audit/diff-state";

const missing = <span className="text-slate-600">—</span>;

// Before → after of one change, one row per field that differs.
export function StateDiff({ before, after }: { before: unknown; after: unknown }) {
  if (before === null && after === null) return <p className="text-sm text-slate-600">Exchange was not read, so there is no before/after.</p>;
  const changes = diffStates(before, after);
  if (changes.length === 0) return <p className="text-sm text-slate-600">No difference between before and after.</p>;
  return (
    <DataTable
      compact
      caption="Fields that changed"
      rows={changes}
      rowKey={(c) => c.path}
      rowClassName={() => "align-top"}
      columns={[
        { header: "Field", rowHeader: true, className: "font-mono", cell: (c) => c.path },
        { header: "Before", className: "break-all bg-red-50", cell: (c) => c.before ?? missing },
        { header: "After", className: "break-all bg-green-50", cell: (c) => c.after ?? missing },
      ]}
    />
  );
}
