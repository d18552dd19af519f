"use client";

import type { TActionResult } from "@/lib/action/authorised";
import { Link } from "./link";
import { OutcomeBanner } from "./outcome-banner";
import { SlowExchangeNote } from "./slow-exchange-note";

// A change form's submit button, the note while Exchange is slow, and the outcome with a link
// to where it is recorded (nothing when Microsoft asks for a new sign-in: the form goes there).
export function SubmitAndOutcome<TShown>({ pending, label, pendingLabel, state, linkLabel }: {
  pending: boolean; label: string; pendingLabel: string; state: TActionResult<TShown> | null; linkLabel: string;
}) {
  return (
    <>
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
          {pending ? pendingLabel : label}
        </button>
        <SlowExchangeNote pending={pending} />
      </div>
      <div aria-live="polite">
        {state && (state.ok || !state.reauth) && (
          <OutcomeBanner tone={state.ok ? state.tone : "error"} message={state.message} warnings={state.ok ? state.warnings : undefined}>
            {state.ok && state.href && <Link href={state.href} className="ml-2 underline">{linkLabel}</Link>}
          </OutcomeBanner>
        )}
      </div>
    </>
  );
}
