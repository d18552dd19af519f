"use client";

import { useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { SlowExchangeNote } from "@/app/_components/slow-exchange-note";
import { ReasonField } from "@/app/_components/reason-field";
import { RecipientField } from "@/app/_components/recipient-field";
import { useDraftAcrossSignIn } from "@/app/_components/use-draft-across-sign-in";
import { useFormAction, type TFormAction } from "@/app/_components/use-form-action";
import { CALENDAR_ROLES, NOTIFIABLE_CALENDAR_ROLES } from "@/lib/cmdlets/calendar-roles";
import type { TRightKind } from "@/lib/cmdlets/permission-entries";
import { RIGHT_ACTIONS } from "@/lib/cmdlets/right-kinds";
import type { TAccessChangeShown } from "./actions";

type TDraft = { kind: TRightKind; trustee: string; autoMapping: boolean; accessRights: string; delegate: boolean; canViewPrivateItems: boolean; sendNotificationToUser: boolean; until: string; reason: string };
const EMPTY: TDraft = { kind: "FullAccess", trustee: "", autoMapping: true, accessRights: "Reviewer", delegate: false, canViewPrivateItems: false, sendNotificationToUser: false, until: "", reason: "" };

// One form to add any kind of right: the fields follow the kind chosen.
// A change made clears the person and the reason, ready for the next one; its outcome is shown
// on top of the page (access-panel.tsx), and refusals here.
// `zone`: the mailbox's time zone, in which an end ("until") is written.
export function AddRightForms({ action, identity, zone }: { action: TFormAction<TAccessChangeShown>; identity: string; zone: string }) {
  const [draft, setDraft] = useState(EMPTY);
  const { state, pending, onSubmit } = useFormAction<TAccessChangeShown>(async (prev, form) => {
    const result = await action(prev, form);
    if (result.ok) setDraft((d) => ({ ...d, trustee: "", until: "", reason: "" }));
    return result;
  });
  const restored = useDraftAcrossSignIn(`access:${identity}`, draft, setDraft, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const set = <K extends keyof TDraft>(key: K, value: TDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const box = (name: "autoMapping" | "delegate" | "canViewPrivateItems" | "sendNotificationToUser", label: string) => (
    <div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name={name} checked={draft[name]} onChange={(e) => set(name, e.target.checked)} aria-describedby={`${name}-error`} />
        {label}
      </label>
      <FieldError id={name} errors={errors[name]} />
    </div>
  );

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Add a right</h2>
      {restored && <p role="status" className="rounded border border-blue-200 bg-blue-50 p-3 text-blue-900">You signed in again; what you typed before has been restored.</p>}
      <input type="hidden" name="identity" value={identity} />
      <input type="hidden" name="actionId" value={RIGHT_ACTIONS[draft.kind].grant} />
      <fieldset>
        <legend className="text-sm font-medium">Right</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {(Object.keys(RIGHT_ACTIONS) as TRightKind[]).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="kind" value={k} checked={draft.kind === k} onChange={() => set("kind", k)} />
              {RIGHT_ACTIONS[k].label}
            </label>
          ))}
        </div>
      </fieldset>
      <RecipientField name="trustee" label="Person" value={draft.trustee} onChange={(v) => set("trustee", v)} errors={errors.trustee} />
      <FieldError id="identity" errors={errors.identity} />
      {draft.kind === "FullAccess" && box("autoMapping", "Add the mailbox to their Outlook automatically (AutoMapping)")}
      {draft.kind === "Calendar" && (
        <div className="space-y-2">
          <div>
            <label htmlFor="accessRights" className="block text-sm font-medium">Calendar role</label>
            <select id="accessRights" name="accessRights" value={draft.accessRights} onChange={(e) => set("accessRights", e.target.value)}
              aria-describedby="accessRights-error" className="mt-1 rounded border border-slate-300 px-3 py-2">
              {CALENDAR_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
            <FieldError id="accessRights" errors={errors.accessRights} />
          </div>
          {box("delegate", "Delegate (receives meeting requests; Editor only)")}
          {box("canViewPrivateItems", "Delegate can see private items")}
          {NOTIFIABLE_CALENDAR_ROLES.includes(draft.accessRights) ? (
            box("sendNotificationToUser", "Send them a sharing notification")
          ) : (
            // Exchange refuses the notification with other roles: nothing to tick.
            <p className="text-sm text-slate-600">A sharing notification can be sent only with the AvailabilityOnly, LimitedDetails, Reviewer or Editor role.</p>
          )}
        </div>
      )}
      <div>
        <label htmlFor="until" className="block text-sm font-medium">Until (optional), in the mailbox&apos;s time ({zone})</label>
        <input id="until" name="until" type="datetime-local" value={draft.until} onChange={(e) => set("until", e.target.value)}
          aria-describedby="until-hint until-error" className="mt-1 rounded border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500" />
        <p id="until-hint" className="text-sm text-slate-600">At this time ExoDesk removes the right by itself. Leave empty to keep it until someone removes it.</p>
        <input type="hidden" name="untilZone" value={zone} />
        <FieldError id="until" errors={errors.until} />
      </div>
      <ReasonField value={draft.reason} onChange={(v) => set("reason", v)} errors={errors.reason} />
      <button type="submit" disabled={pending}
        className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
        {pending ? "Applying in Exchange…" : `Grant ${RIGHT_ACTIONS[draft.kind].label}`}
      </button>
      <SlowExchangeNote pending={pending} />
      <div aria-live="polite">{state && !state.ok && !state.reauth && <OutcomeBanner tone="error" message={state.message} />}</div>
    </form>
  );
}
