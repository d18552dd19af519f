"use client";

import { useState, type KeyboardEvent } from "react";
import type { TTemplate } from "@/lib/templates/list-templates";
import { describeMissing, fillPlaceholders, formatWallClockEnd, listPlaceholders, MAILBOX_PLACEHOLDERS, type TPlaceholderValues } from "@/lib/templates/placeholders";
import { INPUT_CLASS } from "./field-error";
import { RecipientField } from "./recipient-field";

type TMessages = { internalMessage: string; externalMessage: string };

type TProps = {
  templates: TTemplate[];
  // One mailbox: its name and end date are filled here, in its language (the end is the form's
  // wall-clock time, already in the mailbox's zone). Absent (a bulk change): those stay in the
  // text and are filled for each mailbox when the change is submitted.
  mailbox?: { displayName: string; language: string | null };
  // The form's schedule: the end ("" when none), and whether the replies are scheduled at all.
  endTime: string;
  scheduled: boolean;
  // The covering colleague, when the form picks them itself (the absence-cover form): the picker
  // then asks for no colleague of its own. Null: none picked yet.
  cover?: { name: string; address: string } | null;
  onChange: (messages: TMessages) => void;
};

const buttonClass = "rounded border border-blue-700 px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60";

// Start a reply from one of the admins' templates: fills its placeholders and hands the text to
// the form, where it can still be edited. A placeholder with no value is refused here, with why,
// and nothing in the form changes.
export function TemplatePicker({ templates, mailbox, endTime, scheduled, cover: formCover, onChange }: TProps) {
  const [id, setId] = useState("");
  const [cover, setCover] = useState("");
  const [coverName, setCoverName] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  if (templates.length === 0) return null;
  const template = templates.find((t) => t.id === id);
  const used = template ? listPlaceholders(`${template.internalMessage}\n${template.externalMessage}`) : [];
  const needsCover = used.includes("coverName") || used.includes("coverAddress");

  const apply = () => {
    if (!template) return;
    const values: TPlaceholderValues = {
      // The name Exchange gave for the colleague picked; a typed address alone has none.
      coverName: formCover !== undefined ? (formCover?.name ?? null) : coverName,
      coverAddress: formCover !== undefined ? (formCover?.address ?? null) : coverName ? cover.trim() : null,
      ...(mailbox && { displayName: mailbox.displayName, ...(scheduled ? formatWallClockEnd(endTime, mailbox.language) : {}) }),
    };
    const internal = fillPlaceholders(template.internalMessage, values);
    const external = fillPlaceholders(template.externalMessage, values);
    const missing = [...new Set([...internal.missing, ...external.missing])].filter((name) => mailbox || !(MAILBOX_PLACEHOLDERS as readonly string[]).includes(name));
    if (missing.length > 0) return setOutcome({ ok: false, message: `Template not used. ${describeMissing(missing)}` });
    onChange({ internalMessage: internal.html, externalMessage: external.html });
    const later = mailbox ? "" : " The name and end date are filled for each mailbox when you submit.";
    setOutcome({ ok: true, message: `Template "${template.name}" used: edit the messages below if needed.${later}` });
  };
  // Enter in these fields uses the template rather than submitting the change.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
  };

  return (
    <fieldset id="template-picker" className="space-y-3 rounded border border-slate-200 p-3" onKeyDown={onKeyDown}>
      <legend className="px-1 text-sm font-medium">Start from a template</legend>
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 flex-1">
          <label htmlFor="template" className="block text-sm font-medium">Template</label>
          <select id="template" value={id} onChange={(e) => { setId(e.target.value); setOutcome(null); }} className={INPUT_CLASS}>
            <option value="">Choose a template…</option>
            {templates.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </div>
        <button type="button" onClick={apply} disabled={!template} className={buttonClass}>Use template</button>
      </div>
      {needsCover && formCover === undefined && (
        <div>
          <RecipientField name="coverColleague" label="Colleague covering the absence" value={cover}
            onChange={(v) => { setCover(v); setCoverName(null); }} onPick={(r) => setCoverName(r.displayName)} />
          <p className="text-sm text-slate-700">{coverName ? `${coverName} (${cover.trim()})` : "Pick the colleague from the suggestions."}</p>
        </div>
      )}
      <p aria-live="polite" className={`text-sm ${outcome?.ok ? "text-green-800" : "text-red-800"}`}>{outcome?.message}</p>
    </fieldset>
  );
}
