import { FilterField, FilterForm, filterControl, FilterSelect } from "@/app/_components/filter-form";
import { DELEGATE_KINDS, DELEGATE_LABELS } from "@/lib/reports/map-report-row";

const SORTS = [
  ["address", "Mailbox address"],
  ["name", "Name"],
  ["department", "Department"],
  ["autoReply", "Automatic-reply state"],
  ["delegates", "Number of delegates"],
  ...DELEGATE_KINDS.map((k) => [k, `Number of ${DELEGATE_LABELS[k]} delegates`] as const),
] as const;

export function ReportFilters({ base, raw, errors, departments }: { base: string; raw: Record<string, string>; errors: Record<string, string>; departments: string[] }) {
  return (
    <FilterForm action={base} label="Filter the report" className="mt-4 md:grid-cols-4">
      <FilterField label="Search (address, name, delegates)" name="q" error={errors.q}><input type="search" {...filterControl(raw, "q")} /></FilterField>
      <FilterSelect label="Automatic replies" name="autoReply" raw={raw} error={errors.autoReply} any="Any"
        options={[["Enabled", "Enabled"], ["Scheduled", "Scheduled"], ["Disabled", "Disabled"], ["unread", "Not read (failed)"]]} />
      <FilterSelect label="Department" name="department" raw={raw} error={errors.department} any="Any" options={departments.map((d) => [d, d] as const)} />
      <FilterSelect label="Has delegates" name="has" raw={raw} error={errors.has} any="Any or none"
        options={[["any", "Of any kind"], ["none", "None at all"], ...DELEGATE_KINDS.map((k) => [k, DELEGATE_LABELS[k]] as const)]} />
      <FilterSelect label="Sort by" name="sort" raw={raw} error={errors.sort} options={SORTS} />
      <FilterSelect label="Order" name="dir" raw={raw} error={errors.dir} options={[["asc", "Ascending"], ["desc", "Descending"]]} />
    </FilterForm>
  );
}
