"use client";

import { Link } from "@/app/_components/link";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { useFormAction, useSignInWhenAsked } from "@/app/_components/use-form-action";
import { removeNowAction } from "./actions";

// Runs one due scheduled change (a removal, or a grant that waited for its start) with the
// signed-in person's own token; its outcome replaces the button (a refusal keeps the button, so
// someone else may try).
export function RemoveNowButton({ requestId, label, grant }: { requestId: string; label: string; grant: boolean }) {
  const verb = grant ? "Grant now" : "Remove now";
  const { state, pending, onSubmit } = useFormAction(removeNowAction);
  useSignInWhenAsked(state);
  const done = state?.ok && state.tone !== "error";
  return (
    <div className="mt-3">
      {!done && (
        <form onSubmit={onSubmit}>
          <input type="hidden" name="requestId" value={requestId} />
          <button type="submit" disabled={pending} aria-label={`${verb}: ${label}`}
            className="rounded bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-60">
            {pending ? (grant ? "Granting in Exchange…" : "Removing in Exchange…") : verb}
          </button>
        </form>
      )}
      {state && (state.ok || !state.reauth) && (
        <div className="mt-2">
          <OutcomeBanner tone={state.ok ? state.tone : "error"} message={state.message} warnings={state.ok ? state.warnings : undefined} takeFocus={done}>
            {state.ok && state.href && <Link href={state.href} className="ml-2 underline">See the request</Link>}
          </OutcomeBanner>
        </div>
      )}
    </div>
  );
}
