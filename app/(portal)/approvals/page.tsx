import { requireUserOrRedirect } from "@/app/_components/require-user";
import { WhileExchangeReads } from "@/app/_components/while-exchange-reads";
import type { TSessionUser } from "@/lib/auth/session-user";
import { markNotificationsRead } from "@/lib/notifications/list-notifications";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import { listAwaitingDecision } from "@/lib/requests/list-approvals";
import { expireOverdueRequests } from "@/lib/requests/expire-requests";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { ChangeLines, TechnicalDetails } from "@/app/_components/change-in-words";
import { describeRequestChange } from "@/lib/requests/describe-change";
import { DecisionForms } from "./decision-forms";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "Approvals" };

type TPending = Awaited<ReturnType<typeof listAwaitingDecision>>[number];

type TCurrent = { state: unknown } | { problem: string };

// The mailbox as it is now, read with the approver's own token, next to what is asked.
async function readCurrent(ex: TExchange, r: TPending): Promise<TCurrent> {
  const action = findAction(r.action);
  if (!action) return { problem: "This action is no longer in the catalogue." };
  try {
    return { state: await action.readState(ex, r.parameters as { identity: string }) };
  } catch (e) {
    return { problem: e instanceof ExchangeError ? `Could not read the current state: ${e.message}` : "Could not read the current state." };
  }
}

export default async function ApprovalsPage() {
  const user = await requireUserOrRedirect("request.approve");
  return (
    <section>
      <h1 className="text-2xl font-semibold">Waiting for your decision</h1>
      <WhileExchangeReads what="the waiting requests' mailboxes">
        <ApprovalQueue user={user} />
      </WhileExchangeReads>
    </section>
  );
}

async function ApprovalQueue({ user }: { user: TSessionUser }) {
  // What does not wait for the queue runs beside it: overdue requests are expired (the queue
  // leaves them out anyway), and opening the queue is the read receipt for notices that a bulk
  // change's mailboxes wait here.
  const listed = listAwaitingDecision(user);
  const [pending, loaded] = await Promise.all([
    listed,
    // A person or calendar folder several requests name is asked for once.
    loadFromExchange(user, "/approvals", async (ex) => {
      const remembered = rememberStableReads(ex);
      return await Promise.all((await listed).map((r) => readCurrent(remembered, r)));
    }),
    markNotificationsRead(user, "/approvals"),
    expireOverdueRequests(),
  ]);
  const current: TCurrent[] = loaded.ok ? loaded.data : pending.map(() => ({ problem: loaded.message }));
  return (
    <>
      {pending.length === 0 && <p className="mt-4 text-slate-600">Nothing is waiting for a decision.</p>}
      <ul className="mt-4 space-y-4">
        {pending.map((r, i) => {
          const now = current[i]!;
          const words = describeRequestChange({ ...r, before: "state" in now ? now.state : null });
          const label = words.sentence;
          return (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4" data-request-id={r.id}>
              <h2 className="font-semibold">{label}</h2>
              <p className="text-sm text-slate-600">
                Asked by {r.requesterName} ({r.requesterUpn}) on {formatUtcMinute(r.createdAt)} UTC · expires {formatUtcMinute(r.expiresAt)} UTC
              </p>
              <p className="mt-2"><span className="font-medium">Mailbox:</span> {r.targetDisplayName ? `${r.targetDisplayName} (${r.targetMailbox})` : r.targetMailbox}</p>
              <p><span className="font-medium">Reason:</span> {r.reason}</p>
              <h3 className="mt-2 text-sm font-medium">What changes</h3>
              {"problem" in now && <p className="text-sm text-slate-700">{now.problem} The change is shown as asked for.</p>}
              <ChangeLines words={words} label="What changes" />
              <TechnicalDetails parts={[{ label: "Asked for", value: r.parameters }, { label: "The mailbox now", value: "state" in now ? now.state : now.problem }]} />
              <DecisionForms requestId={r.id} label={label} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
