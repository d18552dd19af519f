"use client";

import { useState } from "react";
import { Link } from "@/app/_components/link";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { ReasonField } from "@/app/_components/reason-field";
import { useFormAction, useSignInWhenAsked } from "@/app/_components/use-form-action";
import { revertAction } from "./actions";

// Undo this change: a new request for the inverse, under the same policy and approval. Its
// outcome replaces the form, with a link to the revert's own request.
export function RevertForm({ requestId }: { requestId: string }) {
  const { state, pending, onSubmit } = useFormAction(revertAction);
  const [reason, setReason] = useState("");
  useSignInWhenAsked(state);
  if (state?.ok) {
    return (
      <section className="mt-6 max-w-xl" aria-labelledby="revert-heading">
        <h2 id="revert-heading" className="mb-2 font-medium">Revert this change</h2>
        <OutcomeBanner tone={state.tone} message={state.message} warnings={state.warnings} takeFocus>
          {state.href && <Link href={state.href} className="ml-2 underline">See the revert&apos;s request</Link>}
        </OutcomeBanner>
      </section>
    );
  }
  const failure = state && !state.ok ? state : null;
  return (
    <form onSubmit={onSubmit} className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="revert-heading">
      <h2 id="revert-heading" className="font-medium">Revert this change</h2>
      <p className="mt-1 text-sm text-slate-600">Puts the mailbox back as ExoDesk read it before this request ran. The revert is a request of its own and may need approval.</p>
      <input type="hidden" name="requestId" value={requestId} />
      <div className="mt-3"><ReasonField value={reason} onChange={setReason} errors={failure?.fieldErrors?.reason} /></div>
      <button type="submit" disabled={pending} className="mt-3 rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Reverting…" : "Revert"}
      </button>
      {failure && !failure.reauth && <p role="alert" className="mt-2 text-sm text-red-800">{failure.message}</p>}
    </form>
  );
}
