"use client";

import { useActionState } from "react";
import { cancelAction } from "./actions";

export function CancelButton({ requestId }: { requestId: string }) {
  const [state, formAction, pending] = useActionState(cancelAction, null);
  return (
    <form action={formAction} className="mt-4">
      <input type="hidden" name="requestId" value={requestId} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-60">
        {pending ? "Cancelling…" : "Cancel this request"}
      </button>
      {state && !state.ok && <p role="alert" className="mt-2 text-sm text-red-800">{state.message}</p>}
    </form>
  );
}
