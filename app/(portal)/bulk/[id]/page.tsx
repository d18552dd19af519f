import { Link } from "@/app/_components/link";
import { notFound } from "next/navigation";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { StatusBadge } from "@/app/_components/status-badge";
import { loadBulk, type TItemGroup } from "@/lib/bulk/load-bulk";
import { AppError } from "@/lib/errors/app-error";
import { AutoRefresh } from "./auto-refresh";
import { BulkControls } from "./bulk-controls";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "Bulk change" };

const PAGE_SIZE = 100;
const FILTERS: { key: TItemGroup | "all"; label: string }[] = [
  { key: "all", label: "All" },
  { key: "failed", label: "Failed" },
  { key: "remaining", label: "Remaining" },
  { key: "done", label: "Done" },
  { key: "not-run", label: "Not run" },
];

async function load(user: Awaited<ReturnType<typeof requireUserOrRedirect>>, id: string) {
  try {
    return await loadBulk(user, id);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

export default async function BulkPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireUserOrRedirect("request.submit");
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const query = await searchParams;
  const bulk = await load(user, id);
  await markNotificationsRead(user, `/bulk/${id}`);
  const show = FILTERS.some((f) => f.key === query.show) ? (query.show as TItemGroup | "all") : "all";
  const shown = show === "all" ? bulk.items : bulk.items.filter((i) => i.group === show);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number(query.page) || 1));
  const { counts } = bulk;
  const finished = counts.total - counts.remaining;
  const href = (next: Record<string, string | number>) => `/bulk/${id}?${new URLSearchParams(Object.entries({ show, page, ...next }).map(([k, v]) => [k, String(v)]))}`;

  return (
    <section>
      <AutoRefresh active={counts.remaining > 0} />
      <h1 className="text-2xl font-semibold">Automatic replies for {counts.total} mailbox{counts.total === 1 ? "" : "es"}</h1>
      <p className="mt-1 text-sm text-slate-600">Submitted {formatUtcMinute(bulk.createdAt)} UTC by {bulk.requesterUpn} · state {String(bulk.parameters.autoReplyState)}</p>

      <div className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <div role="progressbar" aria-label="Mailboxes finished" aria-valuemin={0} aria-valuemax={counts.total} aria-valuenow={finished} className="h-3 w-full overflow-hidden rounded bg-slate-100">
          <div className="h-full bg-green-600" style={{ width: `${(100 * finished) / Math.max(1, counts.total)}%` }} />
        </div>
        <dl className="mt-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" aria-live="polite" data-testid="bulk-counts">
          <div><dt className="text-slate-600">Done</dt><dd className="text-lg font-semibold" data-testid="count-done">{counts.done}</dd><dd className="text-xs text-slate-600">{counts.verified} verified</dd></div>
          <div><dt className="text-slate-600">Failed</dt><dd className="text-lg font-semibold text-red-800" data-testid="count-failed">{counts.failed}</dd></div>
          <div><dt className="text-slate-600">Remaining</dt><dd className="text-lg font-semibold" data-testid="count-remaining">{counts.remaining}</dd></div>
          <div><dt className="text-slate-600">Not run</dt><dd className="text-lg font-semibold" data-testid="count-not-run">{counts["not-run"]}</dd></div>
        </dl>
        {bulk.pausedReason && <p role="alert" className="mt-3 rounded border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900">Paused: {bulk.pausedReason}</p>}
        {counts.remaining === 0 && <p className="mt-3 text-sm text-slate-700">Finished.</p>}
        <BulkControls bulkId={id} failed={counts.failed} queued={counts.queued} />
      </div>

      <nav aria-label="Show mailboxes" className="mt-6 flex gap-3 text-sm">
        {FILTERS.map((f) => (
          <Link key={f.key} href={href({ show: f.key, page: 1 })} aria-current={show === f.key ? "page" : undefined} className={show === f.key ? "font-semibold underline" : "text-blue-700 hover:underline"}>
            {f.label}
          </Link>
        ))}
      </nav>
      <table className="mt-2 w-full border-collapse overflow-hidden rounded-lg bg-white text-sm shadow-sm">
        <caption className="sr-only">Mailboxes of this bulk change and how each went</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Mailbox</th>
            <th scope="col" className="px-3 py-2">State</th>
            <th scope="col" className="px-3 py-2">What happened</th>
            <th scope="col" className="px-3 py-2"><span className="sr-only">Details</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((item) => (
            <tr key={item.requestId} className="border-t border-slate-200" data-mailbox={item.address}>
              <td className="px-3 py-2">{item.displayName ?? item.address}<div className="text-xs text-slate-600">{item.address}</div></td>
              <td className="px-3 py-2"><StatusBadge status={item.status} verification={item.verification} />{item.attempt > 1 && <span className="ml-1 text-xs text-slate-600">attempt {item.attempt}</span>}</td>
              <td className="px-3 py-2 text-slate-700">{item.errorMessage ?? item.warnings.join(" ")}</td>
              <td className="px-3 py-2"><Link href={`/requests/${item.requestId}`} className="text-blue-700 underline">Details</Link></td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-4 text-sm">
          {page > 1 && <Link href={href({ page: page - 1 })} className="text-blue-700 underline">Previous</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link href={href({ page: page + 1 })} className="text-blue-700 underline">Next</Link>}
        </nav>
      )}
    </section>
  );
}
