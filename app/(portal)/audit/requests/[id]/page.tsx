import { Link } from "@/app/_components/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { labelEvent, summariseEvent } from "@/lib/audit/describe-event";
import { getRequestForAudit } from "@/lib/audit/list-mailbox-changes";
import { queryHistory, ZHistoryQuery } from "@/lib/audit/query-history";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { getDb } from "@/lib/db/client";
import { normaliseIdentity } from "@/lib/exchange/identity";
import { ChangeLines, ChangeSentence, TechnicalDetails } from "@/app/_components/change-in-words";
import { describeRequestChange } from "@/lib/requests/describe-change";
import { TimeBoundRows } from "@/app/_components/time-bound-rows";
import { toSearch } from "../../history-params";

export const metadata = { title: "Request record" };

export default async function RequestRecordPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUserOrRedirect("audit.read");
  const id = z.uuid().safeParse((await params).id);
  const found = id.success ? await getRequestForAudit(id.data) : null;
  if (!found) notFound();
  const { request: r, revertedBy, removal } = found;
  const change = describeRequestChange(r);
  const query = ZHistoryQuery.parse({ requestId: r.id, sort: "time", dir: "asc" });
  const { rows: events } = await queryHistory(getDb(), query, { limit: 500 });
  return (
    <section>
      <p className="text-sm text-slate-600">
        <Link href="/audit" className="underline">Audit history</Link> / <Link href={`/audit/mailboxes/${encodeURIComponent(normaliseIdentity(r.targetMailbox))}`} className="underline">{r.targetMailbox}</Link> / {r.id}
      </p>
      <h1 className="mt-1 text-2xl font-semibold">{getActionLabel(r.action)}: {r.targetDisplayName ?? r.targetMailbox}</h1>
      <div className="mt-2"><StatusBadge status={r.status} verification={r.verification} /></div>
      <div className="mt-4"><ChangeSentence words={change} /></div>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Requested by</dt><dd>{r.requesterName} ({r.requesterUpn})</dd>
        {r.reason && <><dt className="font-medium">Reason</dt><dd>{r.reason}</dd></>}
        {r.deciderUpn && <><dt className="font-medium">{r.status === "REJECTED" ? "Rejected by" : "Approved by"}</dt><dd>{r.deciderName} ({r.deciderUpn}){r.decisionComment ? `: “${r.decisionComment}”` : ""}</dd></>}
        <dt className="font-medium">Executed as</dt><dd>{r.executorUpn ?? "not executed"}</dd>
        <dt className="font-medium">Exchange client-request-id</dt><dd className="font-mono" data-testid="client-request-id">{r.clientRequestId ?? "none"}</dd>
        {r.errorMessage && <><dt className="font-medium">Exchange said</dt><dd>{r.errorMessage}</dd></>}
        {r.warnings.length > 0 && <><dt className="font-medium">Warnings</dt><dd>{r.warnings.join(" ")}</dd></>}
        {r.revertOfId && <><dt className="font-medium">Reverts</dt><dd><Link href={`/audit/requests/${r.revertOfId}`} className="text-blue-700 underline">request {r.revertOfId}</Link></dd></>}
        <TimeBoundRows request={r} removal={removal} requestsPath="/audit/requests" grantLinked coverLinked={false} />
        {revertedBy.length > 0 && (
          <><dt className="font-medium">Reverted by</dt><dd>{revertedBy.map((x) => <Link key={x.id} href={`/audit/requests/${x.id}`} className="mr-3 text-blue-700 underline">request {x.id} ({x.status})</Link>)}</dd></>
        )}
      </dl>

      <h2 className="mt-6 text-lg font-medium">Before and after</h2>
      <div className="mt-2 rounded-lg bg-white p-3 shadow-sm">
        <ChangeLines words={change} label="Before and after" />
        <TechnicalDetails parts={[{ label: "Asked for", value: r.parameters }, { label: "Before", value: r.before }, { label: "After", value: r.after }]} />
      </div>

      <h2 className="mt-6 text-lg font-medium">Timeline</h2>
      <p className="text-sm"><a href={`/api/audit/export${toSearch({ requestId: r.id, sort: "time", dir: "asc", format: "jsonl" })}`} className="text-blue-700 underline">Export these events (JSON Lines)</a></p>
      <ol className="mt-2 space-y-2" aria-label="Events of this request, oldest first">
        {events.map((e) => (
          <li key={e.seq.toString()} className="rounded bg-white p-3 text-sm shadow-sm" data-event-type={e.type}>
            <span className="text-slate-600">{e.at.toISOString().replace("T", " ").slice(0, 23)} UTC</span>{" "}
            <span className="font-medium">{labelEvent(e.type)}</span> by {e.actorUpn ?? "ExoDesk (system)"}
            {e.actorIp && <span className="text-slate-600"> from {e.actorIp}</span>}
            <div className="text-slate-700">{summariseEvent(e.type, e.data)}</div>
            <div className="font-mono text-xs text-slate-600" title="This event's hash in the chain">#{e.seq.toString()} {e.hash}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
