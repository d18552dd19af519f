import "server-only";
import { getActionLabel } from "@/lib/cmdlets/catalogue";
import type { Prisma } from "@/lib/generated/prisma/client";
import { queueNotification, type TNotice } from "@/lib/notifications/queue-notification";
import { formatUtcMinute } from "@/lib/time/format";
import { describeStatus, isTerminal, REQUEST_STATUSES } from "@/lib/workflow/request-status";
import { describeRequestChange } from "./describe-change";
import { describeRequest } from "./describe-request";

const NOTICE_FIELDS = {
  id: true,
  tenantId: true,
  status: true,
  action: true,
  parameters: true,
  targetMailbox: true,
  targetDisplayName: true,
  trusteeDisplayName: true,
  scheduleZone: true,
  before: true,
  after: true,
  revertOfId: true,
  removalOfId: true,
  dueAt: true,
  bulkId: true,
  requesterOid: true,
  requesterUpn: true,
  requesterName: true,
  reason: true,
  expiresAt: true,
  executorOid: true,
  executorUpn: true,
  deciderOid: true,
  deciderName: true,
  decisionComment: true,
  verification: true,
  errorKind: true,
  errorMessage: true,
} satisfies Prisma.RequestSelect;

type TNoticeRequest = Prisma.RequestGetPayload<{ select: typeof NOTICE_FIELDS }>;

const requestPath = (id: string) => `/requests/${id}`;
const mailboxOf = (r: TNoticeRequest) => r.targetDisplayName ?? r.targetMailbox;

// The people who decide: everyone whose latest sign-in carried the Approver role, except the
// requester (who may not decide their own request).
async function approversFor(tx: Prisma.TransactionClient, tid: string, requesterOid: string): Promise<{ oid: string; upn: string }[]> {
  return await tx.person.findMany({ where: { tid, roles: { has: "ExoDesk.Approver" }, NOT: { oid: requesterOid } }, select: { oid: true, upn: true } });
}

// A request waits for approval: its words, who asks and why, until when. The approvers told of
// it may open its page (list-requests.ts getReadableRequest), which leads to the queue where
// they decide.
async function waitingNotice(tx: Prisma.TransactionClient, r: TNoticeRequest): Promise<TNotice> {
  const policy = await tx.approvalPolicy.findUnique({ where: { actionId: r.action }, select: { notifyAddress: true } });
  const words = describeRequestChange(r);
  return {
    event: "approval.waiting",
    tid: r.tenantId,
    requestId: r.id,
    path: requestPath(r.id),
    subject: `Waiting for your approval: ${getActionLabel(r.action)} on ${mailboxOf(r)}`,
    text: [
      `${r.requesterName} (${r.requesterUpn}) asks for this change: ${words.sentence}.`,
      `Their reason: ${r.reason ?? "none given"}.`,
      `Decide by ${formatUtcMinute(r.expiresAt)} UTC; after that it expires and will not run.`,
    ].join("\n"),
    people: await approversFor(tx, r.tenantId, r.requesterOid),
    addresses: policy?.notifyAddress ? [policy.notifyAddress] : [],
  };
}

// What the requester hears once their request is decided or has run, if anything: approved
// and applied, rejected or expired; or an outcome that needs attention (failed, drifted,
// unknown) unless they watched it happen themselves (`watchedBy`: who saw the outcome on screen).
function outcomeNotice(r: TNoticeRequest, watchedBy: string | null): TNotice | null {
  const words = describeRequestChange(r);
  const state = describeRequest(r).message;
  const base = { tid: r.tenantId, requestId: r.id, path: requestPath(r.id), people: [{ oid: r.requesterOid, upn: r.requesterUpn }] };
  const what = `${getActionLabel(r.action)} on ${mailboxOf(r)}`;
  if (r.status === "REJECTED") {
    return { ...base, event: "request.decided", subject: `Rejected: ${what}`, text: [`${r.deciderName ?? "An approver"} rejected your request: ${words.sentence}.`, `Their reason: ${r.decisionComment ?? "none given"}.`].join("\n") };
  }
  if (r.status === "EXPIRED") {
    return { ...base, event: "request.decided", subject: `Expired: ${what}`, text: [`Nobody decided your request in time: ${words.sentence}.`, state].join("\n") };
  }
  const needsAttention = r.status === "FAILED" || r.status === "OUTCOME_UNKNOWN" || (r.status === "SUCCEEDED" && r.verification === "DRIFTED");
  const executedBy = r.executorUpn ?? "ExoDesk";
  if (needsAttention) {
    if (watchedBy !== null && watchedBy === r.requesterOid) return null;
    const decided = r.deciderName ? `${r.deciderName} approved your request, and ` : "";
    return { ...base, event: "request.needs-attention", subject: `Needs your attention: ${what}`, text: [`${decided}the change ran as ${executedBy}: ${words.sentence}.`, state].join("\n") };
  }
  if (r.status === "SUCCEEDED" && r.deciderOid) {
    const comment = r.decisionComment ? `\nTheir comment: ${r.decisionComment}.` : "";
    return { ...base, event: "request.decided", subject: `Approved and applied: ${what}`, text: `${r.deciderName ?? "An approver"} approved your request, and it is done: ${words.sentence}.\n${state}${comment}` };
  }
  return null;
}

// Notifies, in the caller's transaction, what a request's new state means to the people it
// concerns (README, "Notifications"). An item of a bulk change is told as part of its bulk:
// its owner hears once the last item has ended.
export async function notifyRequest(tx: Prisma.TransactionClient, requestId: string, options: { watchedBy?: string | null } = {}): Promise<void> {
  const r = await tx.request.findUnique({ where: { id: requestId }, select: NOTICE_FIELDS });
  if (!r) return;
  if (r.bulkId) {
    if (isTerminal(r.status)) await notifyBulkIfFinished(tx, r.bulkId);
    return;
  }
  // A helpdesk person refused by Exchange sees it on their screen; the others were told when it fell due.
  if (r.status === "NEEDS_SOMEONE") {
    if (!options.watchedBy) await queueNotification(tx, await needsSomeoneNotice(tx, r));
    return;
  }
  const notice = r.status === "PENDING_APPROVAL" ? await waitingNotice(tx, r) : outcomeNotice(r, options.watchedBy ?? null);
  if (notice) await queueNotification(tx, notice);
}

// A due removal nobody could run as the grant's executor: every helpdesk person hears of it
// (the first who runs it from Due removals does so with their own token).
async function needsSomeoneNotice(tx: Prisma.TransactionClient, r: TNoticeRequest): Promise<TNotice> {
  const people = await tx.person.findMany({ where: { tid: r.tenantId, roles: { has: "ExoDesk.Helpdesk" } }, select: { oid: true, upn: true } });
  return {
    event: "removal.needs-someone",
    tid: r.tenantId,
    requestId: r.id,
    path: requestPath(r.id),
    subject: `Due, needs someone: ${getActionLabel(r.action)} on ${mailboxOf(r)}`,
    text: r.removalOfId
      ? [`A time-bound right has reached its end: ${describeRequestChange(r).sentence}.`, `It could not run as ${r.executorUpn ?? "the person who ran the grant"}: ${r.errorMessage ?? "no reason recorded"}`, "Open Due removals and choose Remove now."].join("\n")
      : [`A grant has reached its start: ${describeRequestChange(r).sentence}.`, `It could not run as ${r.executorUpn ?? "the person planned"}: ${r.errorMessage ?? "no reason recorded"}`, "Open Due removals and choose Grant now."].join("\n"),
    people,
  };
}

// Mailboxes of a bulk change waiting for approval: one notice for the lot, to the approvals queue.
export async function notifyBulkWaiting(tx: Prisma.TransactionClient, bulk: { tid: string; requester: { oid: string; upn: string; name: string }; action: string; count: number }): Promise<void> {
  await queueNotification(tx, {
    event: "approval.waiting",
    tid: bulk.tid,
    path: "/approvals",
    subject: `Waiting for your approval: ${getActionLabel(bulk.action)} on ${bulk.count} ${bulk.count === 1 ? "mailbox" : "mailboxes"} (a bulk change)`,
    text: `${bulk.requester.name} (${bulk.requester.upn}) asks for ${getActionLabel(bulk.action)} on ${bulk.count} ${bulk.count === 1 ? "mailbox" : "mailboxes"}; each waits in your approvals queue.`,
    people: await approversFor(tx, bulk.tid, bulk.requester.oid),
  });
}

// The bulk's owner is told once, when no item is left to end. Every caller runs after its audit
// event, whose chain lock orders these transactions, so exactly one sees the last item end;
// the conditional update keeps it so anyway.
async function notifyBulkIfFinished(tx: Prisma.TransactionClient, bulkId: string): Promise<void> {
  const open = REQUEST_STATUSES.filter((s) => !isTerminal(s));
  if ((await tx.request.count({ where: { bulkId, status: { in: open } } })) > 0) return;
  const now = new Date();
  const { count } = await tx.bulk.updateMany({ where: { id: bulkId, finishedAt: null }, data: { finishedAt: now } });
  if (count !== 1) return;
  const bulk = await tx.bulk.findUniqueOrThrow({ where: { id: bulkId }, select: { tenantId: true, requesterOid: true, requesterUpn: true, action: true } });
  // The latest attempt of each mailbox says how it ended.
  const items = await tx.request.findMany({ where: { bulkId }, select: { targetMailbox: true, status: true }, orderBy: { attempt: "desc" }, distinct: ["targetMailbox"] });
  const tally = new Map<string, number>();
  for (const i of items) {
    const label = describeStatus(i.status).label.toLowerCase();
    tally.set(label, (tally.get(label) ?? 0) + 1);
  }
  const counts = [...tally].map(([label, n]) => `${n} ${label}`).join(", ");
  const mailboxes = `${items.length} ${items.length === 1 ? "mailbox" : "mailboxes"}`;
  await queueNotification(
    tx,
    {
      event: "bulk.finished",
      tid: bulk.tenantId,
      path: `/bulk/${bulkId}`,
      subject: `Bulk change finished: ${getActionLabel(bulk.action)} on ${mailboxes}`,
      text: `Your bulk change (${getActionLabel(bulk.action)} on ${mailboxes}) has finished: ${counts}.`,
      people: [{ oid: bulk.requesterOid, upn: bulk.requesterUpn }],
    },
    now,
  );
}
