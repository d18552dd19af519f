import { Link } from "@/app/_components/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { requireUserOrRedirect } from "@/app/_components/require-user";
import { StatusBadge } from "@/app/_components/status-badge";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import { ChangeLines, ChangeSentence, DIFF_HEADING, TechnicalDetails } from "@/app/_components/change-in-words";
import { describeRequestChange } from "@/lib/requests/describe-change";
import { describeRequest } from "@/lib/requests/describe-request";
import { getReadableRequest } from "@/lib/requests/list-requests";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { hasPermission } from "@/lib/auth/roles";
import { getRevertLinks } from "@/lib/requests/list-requests";
import { getTimeBoundLinks } from "@/lib/requests/list-removals";
import { utcToZonedLocal } from "@/lib/time/zones";
import { TimeBoundRows } from "@/app/_components/time-bound-rows";
import { ChangeEndForm } from "./change-end-form";
import { CancelButton } from "./cancel-button";
import { RevertForm } from "./revert-form";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUserOrRedirect("request.readOwn");
  const id = z.uuid().safeParse((await params).id);
  const request = id.success ? await getReadableRequest(user, id.data) : null;
  if (!request) notFound();
  // Seeing the page is the read receipt for the person's notifications about it; nothing more.
  await markNotificationsRead(user, `/requests/${request.id}`);
  // Told about it (an approver) but not a party to it: they read it here and decide in Approvals.
  const party = [request.requesterOid, request.deciderOid, request.executorOid].includes(user.oid);
  const outcome = describeRequest(request);
  const change = describeRequestChange(request);
  const [revertedBy, timeBound] = await Promise.all([getRevertLinks(user, request.id), getTimeBoundLinks(user, request)]);
  const zone = request.scheduleZone ?? "UTC";
  const waitingRemoval = timeBound.removal && (timeBound.removal.status === "SCHEDULED" || timeBound.removal.status === "NEEDS_SOMEONE") ? timeBound.removal : null;
  // A grant waiting for its start (or due, for someone): its requester may still cancel it.
  const waitingGrant = !request.removalOfId && (request.status === "SCHEDULED" || request.status === "NEEDS_SOMEONE");
  return (
    <section>
      <p className="text-sm text-slate-600"><Link href="/requests" className="underline">My requests</Link> / {request.id}</p>
      <h1 className="mt-1 text-2xl font-semibold">{getActionLabel(request.action)}: {request.targetDisplayName ?? request.targetMailbox}</h1>
      <div className="mt-2"><StatusBadge status={request.status} verification={request.verification} /></div>
      <div className="mt-4"><ChangeSentence words={change} /></div>
      <div className="mt-4"><OutcomeBanner tone={outcome.tone} message={outcome.message} warnings={request.warnings} /></div>
      {request.status === "PENDING_APPROVAL" && (
        <p className="mt-4 text-slate-700">
          Waiting for an approver until {formatUtcMinute(request.expiresAt)} UTC.
          {!party && hasPermission(user.roles, "request.approve") && <> <Link href="/approvals" className="text-blue-700 underline">Decide it in Approvals</Link>.</>}
        </p>
      )}
      {(request.status === "PENDING_APPROVAL" || waitingGrant) && request.requesterOid === user.oid && <CancelButton requestId={request.id} />}
      <dl className="mt-6 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        <dt className="font-medium">Mailbox</dt><dd>{request.targetMailbox}</dd>
        <dt className="font-medium">Requested by</dt><dd>{request.requesterName} ({request.requesterUpn})</dd>
        {request.reason && <><dt className="font-medium">Reason</dt><dd>{request.reason}</dd></>}
        {request.deciderUpn && (
          <>
            <dt className="font-medium">{request.status === "REJECTED" ? "Rejected by" : "Approved by"}</dt>
            <dd>{request.deciderName} ({request.deciderUpn}) on {request.decidedAt?.toISOString()}{request.decisionComment ? `: “${request.decisionComment}”` : ""}</dd>
          </>
        )}
        <dt className="font-medium">{waitingGrant ? "To run as" : "Executed as"}</dt><dd>{request.executorUpn ?? "not yet"}</dd>
        <dt className="font-medium">Requested</dt><dd>{request.createdAt.toISOString()}</dd>
        <dt className="font-medium">Finished</dt><dd>{request.finishedAt?.toISOString() ?? "not yet"}</dd>
        <dt className="font-medium">Exchange client-request-id</dt><dd className="font-mono">{request.clientRequestId ?? "none"}</dd>
        {request.revertOfId && <><dt className="font-medium">Reverts</dt><dd><Link href={`/requests/${request.revertOfId}`} className="text-blue-700 underline">request {request.revertOfId}</Link></dd></>}
        <TimeBoundRows
          request={request}
          removal={timeBound.removal}
          requestsPath="/requests"
          grantLinked={timeBound.grantVisible}
          coverLinked={request.requesterOid === user.oid && hasPermission(user.roles, "request.submit")}
        />
        {revertedBy.length > 0 && (
          <><dt className="font-medium">Reverted by</dt><dd>{revertedBy.map((r) => <Link key={r.id} href={`/requests/${r.id}`} className="mr-3 text-blue-700 underline">request {r.id}</Link>)}</dd></>
        )}
      </dl>
      <h2 className="mt-6 font-medium">{DIFF_HEADING[change.tense]}</h2>
      <div className="mt-2"><ChangeLines words={change} label={DIFF_HEADING[change.tense]} /></div>
      <TechnicalDetails parts={[{ label: "Asked for", value: request.parameters }, { label: "Before", value: request.before }, { label: "After", value: request.after }]} />
      {party && waitingRemoval && hasPermission(user.roles, "request.submit") && (
        <ChangeEndForm requestId={request.id} zone={zone} current={waitingRemoval.dueAt ? utcToZonedLocal(waitingRemoval.dueAt, zone) : ""} />
      )}
      {party && request.status === "SUCCEEDED" && hasPermission(user.roles, "request.submit") && <RevertForm requestId={request.id} />}
    </section>
  );
}
