import { FilterField, FilterForm, filterControl } from "@/app/_components/filter-form";
import { DELEGATE_KINDS, DELEGATE_LABELS } from "@/lib/reports/map-report-row";

export function ReportFilters({ base, raw, errors, departments }: { base: string; raw: Record<string, string>; errors: Record<string, string>; departments: string[] }) {
  const field = (name: string) => filterControl(raw, name);
  return (
    <FilterForm action={base} label="Filter the report" className="mt-4 md:grid-cols-4">
      <FilterField label="Search (address, name, delegates)" name="q" error={errors.q}><input type="search" {...field("q")} /></FilterField>
      <FilterField label="Automatic replies" name="autoReply" error={errors.autoReply}>
        <select {...field("autoReply")}>
          <option value="">Any</option>
          <option value="Enabled">Enabled</option>
          <option value="Scheduled">Scheduled</option>
          <option value="Disabled">Disabled</option>
          <option value="unread">Not read (failed)</option>
        </select>
      </FilterField>
      <FilterField label="Department" name="department" error={errors.department}>
        <select {...field("department")}>
          <option value="">Any</option>
          {departments.map((d) => <option key={d} value={d}>{d}</option>)}
        </select>
      </FilterField>
      <FilterField label="Has delegates" name="has" error={errors.has}>
        <select {...field("has")}>
          <option value="">Any or none</option>
          <option value="any">Of any kind</option>
          <option value="none">None at all</option>
          {DELEGATE_KINDS.map((k) => <option key={k} value={k}>{DELEGATE_LABELS[k]}</option>)}
        </select>
      </FilterField>
      <FilterField label="Sort by" name="sort" error={errors.sort}>
        <select {...field("sort")}>
          <option value="address">Mailbox address</option>
          <option value="name">Name</option>
          <option value="department">Department</option>
          <option value="autoReply">Automatic-reply state</option>
          <option value="delegates">Number of delegates</option>
          {DELEGATE_KINDS.map((k) => <option key={k} value={k}>Number of {DELEGATE_LABELS[k]} delegates</option>)}
        </select>
      </FilterField>
      <FilterField label="Order" name="dir" error={errors.dir}>
        <select {...field("dir")}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </FilterField>
    </FilterForm>
  );
}
