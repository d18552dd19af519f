import { Link } from "@/app/_components/link";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { listMailboxChanges } from "@/lib/audit/list-mailbox-changes";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { ChangeLines } from "@/app/_components/change-in-words";
import { describeRequestChange } from "@/lib/requests/describe-change";
import { toSearch } from "../../history-params";

export const metadata = { title: "Mailbox timeline" };

export default async function MailboxTimelinePage({ params }: { params: Promise<{ address: string }> }) {
  await requireUserOrRedirect("audit.read");
  // In the form the audit stores it (write-audit.ts), so the links below find its events.
  const address = normaliseIdentity(decodeURIComponent((await params).address));
  const changes = await listMailboxChanges(address);
  const described = changes.map(describeRequestChange);
  const filter = { mailbox: address };
  // An export reads best in the order things happened.
  const exportQuery = { ...filter, sort: "time", dir: "asc" } as const;
  return (
    <section>
      <p className="text-sm text-slate-600"><Link href="/audit" className="underline">Audit history</Link> / {address}</p>
      <h1 className="mt-1 text-2xl font-semibold">Every change to {address}</h1>
      <p className="mt-2 flex flex-wrap gap-4 text-sm">
        <Link href={`/audit${toSearch(filter)}`} className="text-blue-700 underline">All events for this mailbox</Link>
        <a href={`/api/audit/export${toSearch({ ...exportQuery, format: "csv" })}`} className="text-blue-700 underline">Export CSV</a>
        <a href={`/api/audit/export${toSearch({ ...exportQuery, format: "jsonl" })}`} className="text-blue-700 underline">Export JSON Lines</a>
      </p>
      {changes.length === 0 ? (
        <p className="mt-4 text-slate-600">Nobody has asked ExoDesk for a change to this mailbox.</p>
      ) : (
        <ol className="mt-6 space-y-4 border-l-2 border-slate-200 pl-4" aria-label="Changes, newest first">
          {changes.map((r, i) => (
            <li key={r.id} className="rounded-lg bg-white p-4 text-sm shadow-sm" data-request-id={r.id}>
              <div className="flex flex-wrap items-center gap-3">
                <span className="text-slate-600">{r.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</span>
                <span className="font-medium">{described[i]!.sentence}</span>
                <StatusBadge status={r.status} verification={r.verification} />
              </div>
              <p className="mt-1 text-slate-700">
                Asked by {r.requesterUpn}
                {r.deciderUpn && <>; {r.status === "REJECTED" ? "rejected" : "approved"} by {r.deciderUpn}</>}
                {r.executorUpn && <>; executed as {r.executorUpn}</>}
                {r.clientRequestId && <>; client-request-id <span className="font-mono">{r.clientRequestId}</span></>}
              </p>
              <div className="mt-2"><ChangeLines words={described[i]!} label="Before and after" /></div>
              <Link href={`/audit/requests/${r.id}`} className="mt-2 inline-block text-blue-700 underline">Full record</Link>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
