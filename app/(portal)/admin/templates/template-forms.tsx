"use client";

import { useActionState, useEffect, useRef } from "react";
import { FieldError, INPUT_CLASS } from "@/app/_components/field-error";
import { useFormAction } from "@/app/_components/use-form-action";
import type { TActionResult } from "@/lib/action/authorised";
import type { TTemplate } from "@/lib/templates/list-templates";
import { createTemplateAction, deleteTemplateAction, updateTemplateAction } from "./actions";

function Result({ state }: { state: TActionResult | null }) {
  if (!state) return null;
  return <p role={state.ok ? "status" : "alert"} className={`text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</p>;
}

const FIELDS = [
  { name: "name", label: "Name", rows: 0 },
  { name: "internalMessage", label: "Reply to people inside the organisation (HTML)", rows: 4 },
  { name: "externalMessage", label: "Reply to external senders (HTML, may be empty)", rows: 4 },
] as const;

// One template's form: editing an existing one (with its delete button), or creating one. A
// refused save keeps what was typed; a created template leaves the new-template form empty.
export function TemplateForm({ template }: { template?: TTemplate }) {
  const { state, pending, onSubmit } = useFormAction(template ? updateTemplateAction : createTemplateAction);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!template && state?.ok) formRef.current?.reset();
  }, [template, state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const prefix = template ? `template-${template.id}` : "new-template";
  const form = (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-3" aria-label={template ? `Edit template ${template.name}` : "New template"}>
      {template && <input type="hidden" name="id" value={template.id} />}
      {FIELDS.map((f) => {
        const id = `${prefix}-${f.name}`;
        const common = { id, name: f.name, defaultValue: template?.[f.name] ?? "", "aria-describedby": `${id}-error`, "aria-invalid": Boolean(errors[f.name]) };
        return (
          <div key={f.name}>
            <label htmlFor={id} className="block text-sm font-medium">{f.label}</label>
            {f.rows ? <textarea {...common} rows={f.rows} className={`${INPUT_CLASS} font-mono text-sm`} /> : <input {...common} className={INPUT_CLASS} />}
            <FieldError id={id} errors={errors[f.name]} />
          </div>
        );
      })}
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
