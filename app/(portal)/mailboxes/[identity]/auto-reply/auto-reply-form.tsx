"use client";

import { useState } from "react";
import { AutoReplyFields, type TAutoReplyFieldValues } from "@/app/_components/auto-reply-fields";
import { DraftRestoredNote } from "@/app/_components/draft-restored-note";
import { FieldError } from "@/app/_components/field-error";
import { ReasonField } from "@/app/_components/reason-field";
import { SubmitAndOutcome } from "@/app/_components/submit-and-outcome";
import { TemplatePicker } from "@/app/_components/template-picker";
import { useDraftAcrossSignIn } from "@/app/_components/use-draft-across-sign-in";
import { useFormAction } from "@/app/_components/use-form-action";
import type { TTemplate } from "@/lib/templates/list-templates";
import { setAutoReplyAction } from "./actions";
import { CurrentSetting } from "./current-setting";
import type { TShownAutoReply } from "./shown-auto-reply";

export type TAutoReplyDraft = TAutoReplyFieldValues & { reason?: string };

const STATE_ORDER = ["Disabled", "Enabled", "Scheduled"] as const;

// The current setting above the form shows the page's read until a change is made, then the
// change's read-back.
export function AutoReplyForm({ identity, zone, initial, current, templates, mailbox }: {
  identity: string; zone: string; initial: TAutoReplyDraft; current: TShownAutoReply; templates: TTemplate[]; mailbox: { displayName: string; language: string | null };
}) {
  const [draft, setDraft] = useState(initial);
  const [shown, setShown] = useState(current);
  const { state, pending, onSubmit } = useFormAction<TShownAutoReply>(async (prev, form) => {
    const result = await setAutoReplyAction(prev, form);
    if (result.ok && result.shown) setShown(result.shown);
    return result;
  });
  const restored = useDraftAcrossSignIn(`auto-reply:${identity}`, draft, setDraft, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  return (
    <>
    <CurrentSetting current={shown} zone={zone} />
    <form onSubmit={onSubmit} className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4" noValidate>
      <h2 className="text-lg font-semibold">Change automatic replies</h2>
      <DraftRestoredNote restored={restored} />
      <input type="hidden" name="identity" value={identity} />
      <FieldError id="identity" errors={errors.identity} />

      {draft.autoReplyState !== "Disabled" && (
        <TemplatePicker templates={templates} mailbox={mailbox} endTime={draft.endTime} scheduled={draft.autoReplyState === "Scheduled"}
          onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} />
      )}
      <AutoReplyFields value={draft} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} errors={errors}
        states={STATE_ORDER} zone={zone} keepHiddenMessages />

      <ReasonField value={draft.reason ?? ""} onChange={(v) => setDraft((d) => ({ ...d, reason: v }))} errors={errors.reason} />
      <SubmitAndOutcome pending={pending} label="Apply change" pendingLabel="Applying in Exchange…" state={state} linkLabel="See the request" />
    </form>
    </>
  );
}
