import type { ReactNode } from "react";

// A portal table: a caption for screen readers, one header per column (scope="col"), one row
// per item, and, when `empty` is given and there are no items, that sentence instead of the table.

export type TColumn<T> = {
  header: string;
  // The header is read by screen readers only (a column of links or buttons).
  hideHeader?: boolean;
  // The cell is the row's header (scope="row"), as a field name is for its values.
  rowHeader?: boolean;
  className?: string;
  cell: (item: T) => ReactNode;
};

type TProps<T> = {
  caption: string;
  columns: TColumn<T>[];
  rows: readonly T[];
  rowKey: (item: T) => string;
  rowClassName?: (item: T) => string;
  empty?: ReactNode;
  // Spacing above the table (or the empty sentence).
  className?: string;
  // Small print inside another block, as a before/after diff is.
  compact?: boolean;
};

export function DataTable<T>({ caption, columns, rows, rowKey, rowClassName, empty, className = "", compact = false }: TProps<T>) {
  if (empty !== undefined && rows.length === 0) return <p className={`${className} text-slate-600`}>{empty}</p>;
  const pad = compact ? "px-2 py-1" : "px-3 py-2";
  const look = compact ? "text-xs" : "overflow-hidden rounded-lg bg-white text-sm shadow-sm";
  const cellClass = (c: TColumn<T>) => [pad, c.rowHeader && "text-left font-normal", c.className].filter(Boolean).join(" ");
  return (
    <table className={`${className} w-full border-collapse ${look}`.trim()}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-100 text-left">
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={pad}>{c.hideHeader ? <span className="sr-only">{c.header}</span> : c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={rowKey(item)} className={`border-t border-slate-200 ${rowClassName?.(item) ?? ""}`.trim()}>
            {columns.map((c) =>
              c.rowHeader ? (
                <th key={c.header} scope="row" className={cellClass(c)}>{c.cell(item)}</th>
              ) : (
                <td key={c.header} className={cellClass(c)}>{c.cell(item)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
