"use client";

import { FieldError } from "@/app/_components/field-error";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { useFormAction } from "@/app/_components/use-form-action";
import { changeEndAction } from "./actions";

// Moves a time-bound grant's end: its removal becomes due at the new time (in the zone the end
// was written in, the mailbox's).
export function ChangeEndForm({ requestId, zone, current }: { requestId: string; zone: string; current: string }) {
  const { state, pending, onSubmit } = useFormAction(changeEndAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form onSubmit={onSubmit} className="mt-6 max-w-xl rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="end-heading" noValidate>
      <h2 id="end-heading" className="font-medium">Change the end</h2>
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="untilZone" value={zone} />
      <label htmlFor="until" className="mt-2 block text-sm font-medium">New end, in the mailbox&apos;s time ({zone})</label>
      <input id="until" name="until" type="datetime-local" defaultValue={current} aria-describedby="until-error"
        className="mt-1 rounded border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500" />
      <FieldError id="until" errors={errors.until} />
      <button type="submit" disabled={pending} className="mt-3 rounded bg-blue-700 px-3 py-1.5 text-sm text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
        {pending ? "Changing…" : "Change the end"}
      </button>
      <div aria-live="polite" className="mt-2">{state && (state.ok || !state.reauth) && <OutcomeBanner tone={state.ok ? state.tone : "error"} message={state.message} />}</div>
    </form>
  );
}
