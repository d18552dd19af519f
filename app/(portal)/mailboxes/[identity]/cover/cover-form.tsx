"use client";

import { useState } from "react";
import { AutoReplyFields, type TAutoReplyFieldValues } from "@/app/_components/auto-reply-fields";
import { DraftRestoredNote } from "@/app/_components/draft-restored-note";
import { FieldError, INPUT_CLASS } from "@/app/_components/field-error";
import { ReasonField } from "@/app/_components/reason-field";
import { SubmitAndOutcome } from "@/app/_components/submit-and-outcome";
import { RecipientField } from "@/app/_components/recipient-field";
import { TemplatePicker } from "@/app/_components/template-picker";
import { useDraftAcrossSignIn } from "@/app/_components/use-draft-across-sign-in";
import { useFormAction } from "@/app/_components/use-form-action";
import { CALENDAR_ROLES } from "@/lib/cmdlets/calendar-roles";
import type { TTemplate } from "@/lib/templates/list-templates";
import { submitCoverAction } from "./actions";

export type TCoverDraft = TAutoReplyFieldValues & {
  trustee: string;
  // The name Exchange gave for the colleague picked, for a template's {{coverName}}.
  trusteeName: string | null;
  autoMapping: boolean;
  accessRights: string;
  delegate: boolean;
  reason: string;
};

const ONLY_SCHEDULED = ["Scheduled"] as const;

// "Away from … to …": the window, the colleague, their rights and the replies, in one form. A
// refused submission keeps everything typed, with each refusal beside its field.
export function CoverForm({ identity, zone, initial, templates, mailbox }: {
  identity: string; zone: string; initial: TCoverDraft; templates: TTemplate[]; mailbox: { displayName: string; language: string | null };
}) {
  const [draft, setDraft] = useState(initial);
  const { state, pending, onSubmit } = useFormAction(submitCoverAction);
  const restored = useDraftAcrossSignIn(`cover:${identity}`, draft, setDraft, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const set = (patch: Partial<TCoverDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const cover = draft.trusteeName ? { name: draft.trusteeName, address: draft.trustee.trim() } : null;

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Set up cover for an absence</h2>
      <p className="text-sm text-slate-700">
        While {mailbox.displayName} is away, their automatic replies are sent and a colleague can open their mailbox. Both end by
        themselves at the end of the absence: the replies by their schedule, the colleague&apos;s rights by a removal ExoDesk runs then.
      </p>
      <DraftRestoredNote restored={restored} />
      <input type="hidden" name="identity" value={identity} />
      <FieldError id="identity" errors={errors.identity} />

      <RecipientField name="trustee" label="Colleague who covers" value={draft.trustee} errors={errors.trustee}
        onChange={(v) => set({ trustee: v, trusteeName: null })} onPick={(r) => set({ trusteeName: r.displayName })} />

      <fieldset className="space-y-3 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">The colleague&apos;s rights, for the absence</legend>
        <p id="grant-timing" className="text-sm text-slate-700">
          The colleague gets access at the start of the absence (at once if it starts now), as you, or as the approver if the policy
          asks for one; it is removed at the end.
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="autoMapping" checked={draft.autoMapping} onChange={(e) => set({ autoMapping: e.target.checked })} aria-describedby="autoMapping-error" />
          FullAccess, and add the mailbox to their Outlook automatically (AutoMapping)
        </label>
        <FieldError id="autoMapping" errors={errors.autoMapping} />
        <div>
          <label htmlFor="accessRights" className="block text-sm font-medium">Calendar role (optional)</label>
          <select id="accessRights" name="accessRights" value={draft.accessRights} onChange={(e) => set({ accessRights: e.target.value, delegate: e.target.value === "Editor" && draft.delegate })}
            aria-describedby="accessRights-error" className={`${INPUT_CLASS} max-w-xs`}>
            <option value="">No calendar role</option>
            {CALENDAR_ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
          </select>
          <FieldError id="accessRights" errors={errors.accessRights} />
        </div>
        {draft.accessRights !== "" && (
          <div>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="delegate" checked={draft.delegate} onChange={(e) => set({ delegate: e.target.checked })} aria-describedby="delegate-error" />
              Calendar delegate (receives meeting requests; Editor only)
            </label>
            <FieldError id="delegate" errors={errors.delegate} />
          </div>
        )}
      </fieldset>

      <fieldset className="space-y-4 rounded border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium">The absence and the automatic replies</legend>
        <TemplatePicker templates={templates} mailbox={mailbox} endTime={draft.endTime} scheduled cover={cover}
          onChange={(messages) => set(messages)} />
        <AutoReplyFields value={draft} onChange={set} errors={errors} states={ONLY_SCHEDULED} zone={zone} keepHiddenMessages />
      </fieldset>

      <ReasonField value={draft.reason} onChange={(v) => set({ reason: v })} errors={errors.reason} />
      <SubmitAndOutcome pending={pending} label="Set up the cover" pendingLabel="Setting up the cover…" state={state} linkLabel="See the cover" />
    </form>
  );
}
