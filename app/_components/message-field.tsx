"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { tooLongMessage } from "@/lib/forms/limits";
import { EditorPlaceholder } from "./editor-placeholder";
import { FieldError } from "./field-error";

// The editor (Tiptap) is downloaded only by pages that show a message field, and only in the
// browser: it needs the DOM. The field's hidden input posts the message meanwhile.
const MessageEditor = dynamic(() => import("./message-editor").then((m) => m.MessageEditor), {
  ssr: false,
  loading: () => <EditorPlaceholder />,
});

type TProps = {
  name: string; // the form field it posts
  id?: string; // unique on the page, when several forms post the same name (defaults to name)
  label: string;
  toolbarLabel: string;
  value: string;
  onChange: (html: string) => void;
  errors?: string[];
};

// A message written in the rich-text editor, with its preview: the automatic-reply forms and the
// admin's templates alike.
export function MessageField({ name, id = name, label, toolbarLabel, value, onChange, errors: given }: TProps) {
  const [preview, setPreview] = useState(false);
  // No limit on typing: a long paste would be cut without a word; the limit's message shows instead.
  const tooLong = tooLongMessage(name, value);
  const errors = tooLong ? [tooLong] : given;
  return (
    <div>
      <span id={`${id}-label`} className="block text-sm font-medium">{label}</span>
      <MessageEditor id={id} labelId={`${id}-label`} toolbarLabel={toolbarLabel} value={value} onChange={onChange} invalid={Boolean(errors)} />
      <input type="hidden" name={name} value={value} />
      <FieldError id={id} errors={errors} />
      <button type="button" onClick={() => setPreview((p) => !p)} className="mt-1 text-sm text-blue-700 underline" aria-expanded={preview}>
        {preview ? "Hide preview" : "Preview"}
      </button>
      {preview && (
        // A sandbox with no permissions: the preview can never run script.
        <iframe title={`Preview: ${label}`} sandbox="" srcDoc={value} className="mt-2 h-40 w-full rounded border border-slate-200 bg-white" />
      )}
    </div>
  );
}
