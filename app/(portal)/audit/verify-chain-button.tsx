"use client";

import { useActionState } from "react";
import { checkAuditChainAction } from "./actions";

export function VerifyChainButton() {
  const [state, run, pending] = useActionState(checkAuditChainAction, null);
  return (
    <form action={run} className="mt-3">
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Verifying every event…" : "Verify the chain now"}
      </button>
      <p role="status" aria-live="polite" className={`mt-2 ${state && (!state.ok || state.tone === "error") ? "font-semibold text-red-800" : "text-green-900"}`}>
        {state?.message}
      </p>
    </form>
  );
}
