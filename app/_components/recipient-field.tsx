"use client";

import { useEffect, useId, useState } from "react";
import { searchMailboxes } from "@/app/(portal)/mailboxes/actions";
import type { TRecipient } from "@/lib/cmdlets/read-mailbox";
import { LIMITS, tooLongMessage } from "@/lib/forms/limits";
import { FieldError, INPUT_CLASS } from "./field-error";

// A text field for a person, with suggestions from Exchange (Get-Recipient -Anr) to pick from.
// onPick: the suggestion picked, for a caller that needs more than the address (its name).
export function RecipientField(props: { name: string; label: string; value: string; onChange: (v: string) => void; onPick?: (r: TRecipient) => void; errors?: string[] }) {
  const [suggestions, setSuggestions] = useState<TRecipient[]>([]);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const inputId = `${useId()}-${props.name}`;
  const tooLong = tooLongMessage(props.name, props.value);
  const errors = tooLong ? [tooLong] : props.errors;

  const text = props.value.trim();
  const searchable = open && text.length >= 3 && text.length <= LIMITS.search;
  const listed = searchable && suggestions.length > 0;
  useEffect(() => {
    if (!searchable) return;
    const timer = setTimeout(async () => {
      const result = await searchMailboxes(text);
      setSuggestions(result.ok ? result.items.filter((r) => r.type === "UserMailbox" || r.type === "SharedMailbox") : []);
    }, 250);
    return () => clearTimeout(timer);
  }, [text, searchable]);

  return (
    <div className="relative">
      <label htmlFor={inputId} className="block text-sm font-medium">{props.label}</label>
      <input id={inputId} name={props.name} value={props.value} autoComplete="off" placeholder="Name or address"
        onChange={(e) => { props.onChange(e.target.value); setOpen(true); }}
        aria-invalid={Boolean(errors)} aria-describedby={`${props.name}-error`} aria-controls={listed ? listId : undefined}
        className={INPUT_CLASS} />
      <FieldError id={props.name} errors={errors} />
      {listed && (
        <ul id={listId} aria-label={`Suggestions for ${props.label}`} className="absolute z-10 mt-1 w-full divide-y divide-slate-100 rounded border border-slate-200 bg-white shadow">
          {suggestions.map((r) => (
            <li key={r.address}>
              <button type="button" className="w-full px-3 py-2 text-left hover:bg-blue-50 focus:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-blue-500"
                onClick={() => { props.onChange(r.address); props.onPick?.(r); setOpen(false); }}>
                {r.displayName} <span className="text-xs text-slate-600">{r.address}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
