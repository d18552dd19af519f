import { Link } from "@/app/_components/link";
import { LocalTime } from "@/app/_components/local-time";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { describeRequestChange } from "@/lib/requests/describe-change";
import { listScheduledChanges } from "@/lib/requests/list-removals";
import { formatUtcMinute } from "@/lib/time/format";
import { RemoveNowButton } from "./remove-now-button";

export const metadata = { title: "Due removals" };

// Scheduled changes: the ends of time-bound rights and the grants that wait for their start.
// First those due that the person planned could not run (anyone here may run them with their
// own token; Exchange decides whether they may), then the next ones scheduled.
export default async function RemovalsPage() {
  const user = await requireUserOrRedirect("request.submit");
  const { needing, scheduled } = await listScheduledChanges(user);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Due removals</h1>
      <p className="mt-1 text-slate-700">Time-bound rights end by themselves, removed as the person who granted them; a grant asked for with a start runs then, as the person who asked for or approved it. When that person cannot (their sign-in cannot be renewed, or Exchange refuses them), the change waits here for someone.</p>
      <h2 className="mt-6 text-lg font-semibold">Due, needs someone</h2>
      {needing.length === 0 && <p className="mt-2 text-slate-600">Nothing is waiting for someone.</p>}
      <ul className="mt-2 space-y-4">
        {needing.map((r) => {
          const label = describeRequestChange(r).sentence;
          const grant = !r.removalOfId;
          return (
            <li key={r.id} className="rounded-lg border border-amber-300 bg-white p-4" data-request-id={r.id}>
              <h3 className="font-semibold">{label}</h3>
              <p className="text-sm text-slate-600">
                Due since {formatUtcMinute(r.dueAt)} UTC ·{" "}
                {grant ? (
                  <>a grant that waited for its start · <Link href={`/requests/${r.id}`} className="text-blue-700 underline">this grant</Link></>
                ) : (
                  <>ends the grant of request {r.removalOfId} · <Link href={`/requests/${r.id}`} className="text-blue-700 underline">this removal</Link></>
                )}
              </p>
              <p className="mt-2 text-sm"><span className="font-medium">Why it waits:</span> {r.errorMessage ?? "the person planned could not run it."}</p>
              <RemoveNowButton requestId={r.id} label={label} grant={grant} />
            </li>
          );
        })}
      </ul>
      <h2 className="mt-8 text-lg font-semibold">Scheduled</h2>
      {scheduled.length === 0 ? (
        <p className="mt-2 text-slate-600">No time-bound right is waiting for its end, and no grant for its start.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Removals scheduled at the end of time-bound rights, and grants scheduled for their start</caption>
          <thead><tr className="border-b border-slate-200"><th scope="col" className="py-2 pr-4">Change</th><th scope="col" className="py-2 pr-4">Due (your time)</th><th scope="col" className="py-2">Request</th></tr></thead>
          <tbody>
            {scheduled.map((r) => (
              <tr key={r.id} className="border-b border-slate-100">
                <td className="py-2 pr-4">{describeRequestChange(r).sentence}</td>
                <td className="py-2 pr-4">{r.dueAt && <LocalTime iso={r.dueAt.toISOString()} />}</td>
                <td className="py-2"><Link href={`/requests/${r.id}`} className="text-blue-700 underline">request {r.id}</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
