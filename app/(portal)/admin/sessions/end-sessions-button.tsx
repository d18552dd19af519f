"use client";

import { useActionState } from "react";
import { endSessionsAction } from "./actions";

export function EndSessionsButton({ oid, tid, label }: { oid: string; tid: string; label: string }) {
  const [state, formAction, pending] = useActionState(endSessionsAction, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="oid" value={oid} />
      <input type="hidden" name="tid" value={tid} />
      <button type="submit" disabled={pending || state?.ok} aria-label={`End sessions of ${label}`} className="rounded border border-red-300 px-3 py-1 text-red-800 hover:bg-red-50">
        End sessions
      </button>
      {state && <span role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</span>}
    </form>
  );
}
