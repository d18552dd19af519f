"use client";

import { useActionState, useState } from "react";
import { FieldError, INPUT_CLASS } from "@/app/_components/field-error";
import { MessageField } from "@/app/_components/message-field";
import { useFormAction } from "@/app/_components/use-form-action";
import type { TActionResult } from "@/lib/action/authorised";
import type { TTemplate } from "@/lib/templates/list-templates";
import { createTemplateAction, deleteTemplateAction, updateTemplateAction } from "./actions";

function Result({ state }: { state: TActionResult | null }) {
  if (!state) return null;
  return <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</p>;
}

type TTemplateText = Omit<TTemplate, "id">;
const EMPTY: TTemplateText = { name: "", internalMessage: "", externalMessage: "" };

const MESSAGES = [
  { name: "internalMessage", label: "Reply to people inside the organisation", toolbar: "Formatting of the internal reply" },
  { name: "externalMessage", label: "Reply to external senders", toolbar: "Formatting of the external reply" },
] as const;

// One template's form: editing an existing one (with its delete button), or creating one. The
// replies are written in the same editor as an automatic reply; placeholders are typed as text.
// A refused save keeps what was typed; a created template leaves the new-template form empty.
export function TemplateForm({ template }: { template?: TTemplate }) {
  const { state, pending, onSubmit } = useFormAction(template ? updateTemplateAction : createTemplateAction);
  const [text, setText] = useState<TTemplateText>(template ?? EMPTY);
  const [answered, setAnswered] = useState(state);
  if (state !== answered) {
    setAnswered(state);
    if (!template && state?.ok) setText(EMPTY);
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const prefix = template ? `template-${template.id}` : "new-template";
  const form = (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={template ? `Edit template ${template.name}` : "New template"}>
      {template && <input type="hidden" name="id" value={template.id} />}
      <div>
        <label htmlFor={`${prefix}-name`} className="block text-sm font-medium">Name</label>
        <input id={`${prefix}-name`} name="name" value={text.name} onChange={(e) => setText((t) => ({ ...t, name: e.target.value }))}
          aria-describedby={`${prefix}-name-error`} aria-invalid={Boolean(errors.name)} className={INPUT_CLASS} />
        <FieldError id={`${prefix}-name`} errors={errors.name} />
      </div>
      {MESSAGES.map((m) => (
        <MessageField key={m.name} name={m.name} id={`${prefix}-${m.name}`} label={m.label} toolbarLabel={m.toolbar} value={text[m.name]}
          onChange={(html) => setText((t) => ({ ...t, [m.name]: html }))} errors={errors[m.name]} />
      ))}
      <div className="flex items-center gap-4">
        <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
          {template ? "Save" : "Create template"}
        </button>
        <Result state={state} />
      </div>
    </form>
  );
  if (!template) return form;
  return (
    <details>
      <summary className="cursor-pointer font-medium text-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500">{template.name}</summary>
      <div className="mt-3 space-y-3">
        {form}
        <DeleteTemplateButton id={template.id} name={template.name} />
      </div>
    </details>
  );
}

function DeleteTemplateButton({ id, name }: { id: string; name: string }) {
  const [state, formAction, pending] = useActionState(deleteTemplateAction, null);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Delete template ${name}`}
        className="rounded border border-red-700 px-3 py-1 text-sm text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500">Delete</button>
      <Result state={state} />
    </form>
  );
}
