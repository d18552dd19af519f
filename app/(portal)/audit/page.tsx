import { FilterField, FilterForm, filterControl, filterErrors, FilterSelect, InvalidFiltersAlert } from "@/app/_components/filter-form";
import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { EVENT_LABELS } from "@/lib/audit/describe-event";
import { decodeCursor, queryHistory } from "@/lib/audit/query-history";
import { listCatalogue } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { REQUEST_STATUSES } from "@/lib/workflow/request-status";
import { ChainPanel } from "./chain-panel";
import { firstValue, readHistoryQuery, toSearch } from "./history-params";
import { HistoryTable } from "./history-table";

export const metadata = { title: "Audit history" };

export default async function AuditHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUserOrRedirect("audit.read");
  const sp = await searchParams;
  const { raw, parsed } = readHistoryQuery(sp);
  const errors = filterErrors(parsed);
  const after = decodeCursor(firstValue(sp, "after"));
  const page = parsed.success ? await queryHistory(getDb(), parsed.data, { after }) : null;
  const text = (name: string) => filterControl(raw, name);

  return (
    <section>
      <h1 className="text-2xl font-semibold">Audit history</h1>
      <ChainPanel />
      <FilterForm action="/audit" label="Filter the history" className="mt-6 md:grid-cols-5">
        <FilterField label="Actor (UPN)" name="actor" error={errors.actor}><input type="text" {...text("actor")} /></FilterField>
        <FilterField label="Mailbox (address)" name="mailbox" error={errors.mailbox}><input type="text" {...text("mailbox")} /></FilterField>
        <FilterSelect label="Action" name="action" raw={raw} error={errors.action} any="Any" options={listCatalogue().map((a) => [a.id, a.label] as const)} />
        <FilterSelect label="Request state after the event" name="status" raw={raw} error={errors.status} any="Any" options={REQUEST_STATUSES.map((s) => [s, s] as const)} />
        <FilterSelect label="Event" name="type" raw={raw} error={errors.type} any="Any" options={Object.entries(EVENT_LABELS)} />
        <FilterField label="From (UTC day)" name="from" error={errors.from}><input type="date" {...text("from")} /></FilterField>
        <FilterField label="To (UTC day, included)" name="to" error={errors.to}><input type="date" {...text("to")} /></FilterField>
        <FilterField label="Request id" name="requestId" error={errors.requestId}><input type="text" {...text("requestId")} /></FilterField>
        <FilterSelect label="Show only" name="only" raw={raw} error={errors.only} any="Every request" options={[["scheduled-removals", "Scheduled removals (ends of time-bound rights)"]]} />
        <FilterSelect label="Sort by" name="sort" raw={raw} error={errors.sort} options={[["time", "Time"], ["actor", "Actor"], ["mailbox", "Mailbox"], ["action", "Action"]]} />
        <FilterSelect label="Order" name="dir" raw={raw} error={errors.dir} options={[["desc", "Descending (newest first)"], ["asc", "Ascending (oldest first)"]]} />
      </FilterForm>

      {parsed.success && page && (
        <>
          <p className="mt-4 flex flex-wrap gap-4 text-sm">
            <span>Export this view:</span>
            <a href={`/api/audit/export${toSearch({ ...parsed.data, format: "csv" })}`} className="text-blue-700 underline">CSV</a>
            <a href={`/api/audit/export${toSearch({ ...parsed.data, format: "jsonl" })}`} className="text-blue-700 underline">JSON Lines</a>
          </p>
          {page.rows.length === 0 ? (
            <p className="mt-4 text-slate-600">No events match these filters.</p>
          ) : (
            <HistoryTable rows={page.rows} query={parsed.data} caption="Audit events matching the filters" />
          )}
          <nav aria-label="Pages" className="mt-4 flex gap-4 text-sm">
            {after && <Link href={`/audit${toSearch(parsed.data)}`} className="text-blue-700 underline">First page</Link>}
            {page.next && <Link href={`/audit${toSearch({ ...parsed.data, after: page.next })}`} className="text-blue-700 underline">Next page</Link>}
          </nav>
        </>
      )}
      {!parsed.success && <InvalidFiltersAlert />}
    </section>
  );
}
