"use client";

import { FieldError } from "@/app/_components/field-error";
import { Link } from "@/app/_components/link";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { useFormAction, useSignInWhenAsked, type TFormAction } from "@/app/_components/use-form-action";
import { approveAction, rejectAction } from "./actions";

function useDecision(action: TFormAction) {
  const decision = useFormAction(action);
  useSignInWhenAsked(decision.state);
  return decision;
}

// Approve (comment optional) or reject (reason required) one pending request. Once decided,
// the card shows the outcome and a link to the request in place of the forms.
export function DecisionForms({ requestId, label }: { requestId: string; label: string }) {
  const approve = useDecision(approveAction);
  const reject = useDecision(rejectAction);
  const result = approve.state ?? reject.state;
  const errors = reject.state && !reject.state.ok ? (reject.state.fieldErrors ?? {}) : {};
  if (result?.ok) {
    return (
      <div className="mt-3">
        <OutcomeBanner tone={result.tone} message={result.message} warnings={result.warnings} takeFocus>
          {result.href && <Link href={result.href} className="ml-2 underline">See the request</Link>}
        </OutcomeBanner>
      </div>
    );
  }
  return (
    <div className="mt-3 grid gap-3 md:grid-cols-2">
      <form onSubmit={approve.onSubmit} className="space-y-2">
        <input type="hidden" name="requestId" value={requestId} />
        <label htmlFor={`comment-${requestId}`} className="block text-sm font-medium">Comment (optional)</label>
        <input id={`comment-${requestId}`} name="comment" className="w-full rounded border border-slate-300 px-3 py-1.5" />
        <button type="submit" disabled={approve.pending || reject.pending} aria-label={`Approve and apply: ${label}`}
          className="rounded bg-green-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-green-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-green-500 disabled:opacity-60">
          {approve.pending ? "Approving and applying…" : "Approve and apply"}
        </button>
      </form>
      <form onSubmit={reject.onSubmit} className="space-y-2" noValidate>
        <input type="hidden" name="requestId" value={requestId} />
        <label htmlFor={`reason-${requestId}`} className="block text-sm font-medium">Reason for rejecting</label>
        <input id={`reason-${requestId}`} name="reason" aria-describedby={`reason-${requestId}-error`} className="w-full rounded border border-slate-300 px-3 py-1.5" />
        <FieldError id={`reason-${requestId}`} errors={errors.reason} />
        <button type="submit" disabled={approve.pending || reject.pending} aria-label={`Reject: ${label}`}
          className="rounded border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-60">
          Reject
        </button>
      </form>
      {result && !result.reauth && (
        <div className="md:col-span-2" aria-live="polite">
          <OutcomeBanner tone="error" message={result.message} />
        </div>
      )}
    </div>
  );
}
