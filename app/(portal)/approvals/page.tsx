import { requireUserOrRedirect } from "@/app/_components/require-user";
import { findAction } from "@/lib/cmdlets/catalogue";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { ExchangeError } from "@/lib/exchange/errors";
import { rememberStableReads } from "@/lib/exchange/remember-stable-reads";
import { listAwaitingDecision } from "@/lib/requests/list-approvals";
import { expireOverdueRequests } from "@/lib/requests/expire-requests";
import { loadFromExchange } from "@/app/_components/load-from-exchange";
import { DecisionForms } from "./decision-forms";
import { formatUtcMinute } from "@/lib/time/format";

export const metadata = { title: "Approvals" };

type TPending = Awaited<ReturnType<typeof listAwaitingDecision>>[number];

// The mailbox as it is now, read with the approver's own token, next to what is asked.
async function readCurrent(ex: TExchange, r: TPending): Promise<string> {
  const action = findAction(r.action);
  if (!action) return "This action is no longer in the catalogue.";
  try {
    return JSON.stringify(await action.readState(ex, r.parameters as { identity: string }), null, 2);
  } catch (e) {
    return e instanceof ExchangeError ? `Could not read the current state: ${e.message}` : "Could not read the current state.";
  }
}

export default async function ApprovalsPage() {
  const user = await requireUserOrRedirect("request.approve");
  await expireOverdueRequests();
  const pending = await listAwaitingDecision(user);
  // All at once; a person or calendar folder several requests name is asked for once.
  const loaded = await loadFromExchange(user, "/approvals", (ex) => {
    const remembered = rememberStableReads(ex);
    return Promise.all(pending.map((r) => readCurrent(remembered, r)));
  });
  const current = loaded.ok ? loaded.data : pending.map(() => loaded.message);
  return (
    <section>
      <h1 className="text-2xl font-semibold">Waiting for your decision</h1>
      {pending.length === 0 && <p className="mt-4 text-slate-600">Nothing is waiting for a decision.</p>}
      <ul className="mt-4 space-y-4">
        {pending.map((r, i) => {
          const action = findAction(r.action);
          const label = action ? action.describe(r.parameters as never) : r.action;
          return (
            <li key={r.id} className="rounded-lg border border-slate-200 bg-white p-4" data-request-id={r.id}>
              <h2 className="font-semibold">{label}</h2>
              <p className="text-sm text-slate-600">
                Asked by {r.requesterName} ({r.requesterUpn}) on {formatUtcMinute(r.createdAt)} UTC · expires {formatUtcMinute(r.expiresAt)} UTC
              </p>
              <p className="mt-2"><span className="font-medium">Reason:</span> {r.reason}</p>
              <div className="mt-2 grid gap-3 md:grid-cols-2">
                <div><h3 className="text-sm font-medium">Asked for</h3><pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(r.parameters, null, 2)}</pre></div>
                <div><h3 className="text-sm font-medium">The mailbox now</h3><pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">{current[i]}</pre></div>
              </div>
              <DecisionForms requestId={r.id} label={label} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
