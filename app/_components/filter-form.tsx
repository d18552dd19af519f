import type { z } from "zod";
import { Link } from "./link";
import { fieldErrorsOf } from "@/lib/errors/app-error";

// The GET filter forms of the audit history and the mailbox report: the filters become the
// URL, so a view can be bookmarked and exported. Each control is `f-<name>`, described by an
// aria-live line `f-<name>-error` that shows what is wrong with it.

const controlClass = "mt-1 block w-full rounded border border-slate-300 px-2 py-1";

export function FilterForm({ action, label, className, children }: { action: string; label: string; className: string; children: React.ReactNode }) {
  return (
    <form method="get" action={action} className={`grid grid-cols-2 gap-3 rounded-lg bg-white p-4 text-sm shadow-sm ${className}`} aria-label={label}>
      {children}
      <div className="col-span-full flex gap-3">
        <button type="submit" className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800">Show</button>
        <Link href={action} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">Clear filters</Link>
      </div>
    </form>
  );
}

export function FilterField({ label, name, error, children }: { label: string; name: string; error?: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-700">{label}</label>
      {children}
      <p id={`f-${name}-error`} aria-live="polite" className="text-xs text-red-800">{error}</p>
    </div>
  );
}

// A filter chosen from a list: `any`, when given, is the label of the empty first choice (no filter).
export function FilterSelect({ label, name, raw, error, any, options }: {
  label: string;
  name: string;
  raw: Record<string, string>;
  error?: string;
  any?: string;
  options: readonly (readonly [value: string, label: string])[];
}) {
  return (
    <FilterField label={label} name={name} error={error}>
      <select {...filterControl(raw, name)}>
        {any !== undefined && <option value="">{any}</option>}
        {options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
      </select>
    </FilterField>
  );
}

// The props of the control inside a FilterField: spread them on its <input> or <select>.
export function filterControl(raw: Record<string, string>, name: string) {
  return { id: `f-${name}`, name, defaultValue: raw[name] ?? "", "aria-describedby": `f-${name}-error`, className: controlClass };
}

// The first message for each filter the query's schema refused.
export function filterErrors(parsed: z.ZodSafeParseResult<unknown>): Record<string, string> {
  if (parsed.success) return {};
  return Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([field, messages]) => [field, messages[0]!]));
}

export function InvalidFiltersAlert() {
  return <p role="alert" className="mt-4 text-red-800">Some filters are not valid; fix the highlighted ones.</p>;
}
