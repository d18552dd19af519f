"use client";

import { useFormAction, useSignInWhenAsked } from "@/app/_components/use-form-action";
import { startReportAction } from "./actions";

export function StartReportButton() {
  const { state, pending, onSubmit } = useFormAction(startReportAction);
  useSignInWhenAsked(state);
  return (
    <form onSubmit={onSubmit} className="mt-4">
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Starting…" : "Build a new report"}
      </button>
      <p role="status" aria-live="polite" className="mt-2 text-sm text-red-800">
        {state && !state.ok ? state.message : null}
      </p>
    </form>
  );
}
