"use client";

import { Link } from "@/app/_components/link";
import { useState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { SlowExchangeNote } from "@/app/_components/slow-exchange-note";
import { ReasonField } from "@/app/_components/reason-field";
import { useDraftAcrossSignIn } from "@/app/_components/use-draft-across-sign-in";
import { useFormAction } from "@/app/_components/use-form-action";
import { SCHEDULE_YEARS, tooLongMessage } from "@/lib/forms/limits";
import { setAutoReplyAction } from "./actions";

export type TAutoReplyDraft = {
  autoReplyState: "Disabled" | "Enabled" | "Scheduled";
  startTime: string;
  endTime: string;
  internalMessage: string;
  externalMessage: string;
  externalAudience: "None" | "Known" | "All";
  reason?: string;
};

const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

export function AutoReplyForm({ identity, zone, initial }: { identity: string; zone: string; initial: TAutoReplyDraft }) {
  const [draft, setDraft] = useState(initial);
  const { state, pending, onSubmit } = useFormAction(setAutoReplyAction);
  const restored = useDraftAcrossSignIn(`auto-reply:${identity}`, draft, setDraft, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const set = <K extends keyof TAutoReplyDraft>(key: K) => (value: TAutoReplyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const enabled = draft.autoReplyState !== "Disabled";

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Change automatic replies</h2>
      {restored && (
        <p role="status" className="rounded border border-blue-200 bg-blue-50 p-3 text-blue-900">
          You signed in again; what you typed before has been restored. Submit it when ready.
        </p>
      )}
      <input type="hidden" name="identity" value={identity} />
      <input type="hidden" name="scheduleZone" value={zone} />
      <FieldError id="identity" errors={errors.identity} />

      <fieldset>
        <legend className="text-sm font-medium">State</legend>
        <div className="mt-1 flex gap-6">
          {(["Disabled", "Enabled", "Scheduled"] as const).map((s) => (
            <label key={s} className="flex items-center gap-2">
              <input type="radio" name="autoReplyState" value={s} checked={draft.autoReplyState === s} onChange={() => set("autoReplyState")(s)} />
              {s === "Disabled" ? "Off" : s === "Enabled" ? "On" : "Scheduled"}
            </label>
          ))}
        </div>
        <FieldError id="autoReplyState" errors={errors.autoReplyState} />
      </fieldset>

      {draft.autoReplyState === "Scheduled" && (
        <div className="grid gap-4 sm:grid-cols-2">
          {(["startTime", "endTime"] as const).map((name) => (
            <div key={name}>
              <label htmlFor={name} className="block text-sm font-medium">
                {name === "startTime" ? "Start" : "End"} ({zone}, the mailbox&apos;s time)
              </label>
              <input id={name} name={name} type="datetime-local" value={draft[name]} min={`${SCHEDULE_YEARS.first}-01-01T00:00`} max={`${SCHEDULE_YEARS.last}-12-31T23:59`} onChange={(e) => set(name)(e.target.value)}
                aria-invalid={Boolean(errors[name])} aria-describedby={`${name}-error`} className={inputClass} />
              <FieldError id={name} errors={errors[name]} />
            </div>
          ))}
        </div>
      )}

      {enabled && (
        <>
          <MessageField name="internalMessage" label="Reply to people inside the organisation (HTML)" value={draft.internalMessage} onChange={set("internalMessage")} errors={errors.internalMessage} />
          <div>
            <label htmlFor="externalAudience" className="block text-sm font-medium">Reply to senders outside the organisation</label>
            <select id="externalAudience" name="externalAudience" value={draft.externalAudience}
              onChange={(e) => set("externalAudience")(e.target.value as TAutoReplyDraft["externalAudience"])}
              aria-describedby="externalAudience-error" className={`${inputClass} max-w-xs`}>
              <option value="None">Nobody outside</option>
              <option value="Known">Only known senders (contacts)</option>
              <option value="All">All external senders</option>
            </select>
            <FieldError id="externalAudience" errors={errors.externalAudience} />
          </div>
          {draft.externalAudience !== "None" && (
            <MessageField name="externalMessage" label="Reply to external senders (HTML)" value={draft.externalMessage} onChange={set("externalMessage")} errors={errors.externalMessage} />
          )}
        </>
      )}
      {/* Fields hidden by the current choice are still sent, so nothing typed is lost. */}
      {!enabled && <input type="hidden" name="internalMessage" value={draft.internalMessage} />}
      {(!enabled || draft.externalAudience === "None") && <input type="hidden" name="externalMessage" value={draft.externalMessage} />}
      {!enabled && <input type="hidden" name="externalAudience" value={draft.externalAudience} />}

      <ReasonField value={draft.reason ?? ""} onChange={(v) => setDraft((d) => ({ ...d, reason: v }))} errors={errors.reason} />
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending}
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
          {pending ? "Applying in Exchange…" : "Apply change"}
        </button>
        <SlowExchangeNote pending={pending} />
      </div>
      <div aria-live="polite">
        {state && (state.ok || !state.reauth) && (
          <OutcomeBanner tone={state.ok ? state.tone : "error"} message={state.message} warnings={state.ok ? state.warnings : undefined}>
            {state.ok && state.href && <Link href={state.href} className="ml-2 underline">See the request</Link>}
          </OutcomeBanner>
        )}
      </div>
    </form>
  );
}

export function MessageField(props: { name: string; label: string; value: string; onChange: (v: string) => void; errors?: string[] }) {
  const [preview, setPreview] = useState(false);
  // No maxLength: a long paste would be cut without a word; the limit's message shows instead.
  const tooLong = tooLongMessage(props.name, props.value);
  const errors = tooLong ? [tooLong] : props.errors;
  return (
    <div>
      <label htmlFor={props.name} className="block text-sm font-medium">{props.label}</label>
      <textarea id={props.name} name={props.name} rows={5} value={props.value} onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={Boolean(errors)} aria-describedby={`${props.name}-error`} className={`${inputClass} font-mono text-sm`} />
      <FieldError id={props.name} errors={errors} />
      <button type="button" onClick={() => setPreview((p) => !p)} className="mt-1 text-sm text-blue-700 underline" aria-expanded={preview}>
        {preview ? "Hide preview" : "Preview"}
      </button>
      {preview && (
        // A sandbox with no permissions: the preview can never run script.
        <iframe title={`Preview: ${props.label}`} sandbox="" srcDoc={props.value} className="mt-2 h-40 w-full rounded border border-slate-200 bg-white" />
      )}
    </div>
  );
}
