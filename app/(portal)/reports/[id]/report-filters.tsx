import { Link } from "@/app/_components/link";
import { DELEGATE_KINDS, DELEGATE_LABELS } from "@/lib/reports/map-report-row";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1";

function Field({ label, name, error, children }: { label: string; name: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-700">{label}</label>
      {children}
      <p id={`f-${name}-error`} aria-live="polite" className="text-xs text-red-800">{error}</p>
    </div>
  );
}

// A plain GET form: the filters become the URL, so the view can be bookmarked and exported.
export function ReportFilters({ base, raw, errors, departments }: { base: string; raw: Record<string, string>; errors: Record<string, string>; departments: string[] }) {
  const field = (name: string) => ({ id: `f-${name}`, name, defaultValue: raw[name] ?? "", "aria-describedby": `f-${name}-error`, className: input });
  return (
    <form method="get" action={base} className="mt-4 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 text-sm shadow-sm md:grid-cols-4" aria-label="Filter the report">
      <Field label="Search (address, name, delegates)" name="q" error={errors.q}><input type="search" {...field("q")} /></Field>
      <Field label="Automatic replies" name="autoReply" error={errors.autoReply}>
        <select {...field("autoReply")}>
          <option value="">Any</option>
          <option value="Enabled">Enabled</option>
          <option value="Scheduled">Scheduled</option>
          <option value="Disabled">Disabled</option>
          <option value="unread">Not read (failed)</option>
        </select>
      </Field>
      <Field label="Department" name="department" error={errors.department}>
        <select {...field("department")}>
          <option value="">Any</option>
          {departments.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </Field>
      <Field label="Has delegates" name="has" error={errors.has}>
        <select {...field("has")}>
          <option value="">Any or none</option>
          <option value="any">Of any kind</option>
          <option value="none">None at all</option>
          {DELEGATE_KINDS.map((k) => <option key={k} value={k}>{DELEGATE_LABELS[k]}</option>)}
        </select>
      </Field>
      <Field label="Sort by" name="sort" error={errors.sort}>
        <select {...field("sort")}>
          <option value="address">Mailbox address</option>
          <option value="name">Name</option>
          <option value="department">Department</option>
          <option value="autoReply">Automatic-reply state</option>
          <option value="delegates">Number of delegates</option>
          {DELEGATE_KINDS.map((k) => <option key={k} value={k}>Number of {DELEGATE_LABELS[k]} delegates</option>)}
        </select>
      </Field>
      <Field label="Order" name="dir" error={errors.dir}>
        <select {...field("dir")}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </Field>
      <div className="col-span-full flex gap-3">
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800">Show</button>
        <Link href={base} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Clear filters</Link>
      </div>
    </form>
  );
}
