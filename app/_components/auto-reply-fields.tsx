"use client";

import type { ReactNode } from "react";
import type { TAutoReplyParams } from "@/lib/cmdlets/set-auto-reply";
import { scheduledWindow } from "@/lib/time/scheduled-window";
import { SCHEDULE_YEARS } from "@/lib/time/schedule-years";
import { FieldError, INPUT_CLASS } from "./field-error";
import { MessageField } from "./message-field";

export type TAutoReplyState = TAutoReplyParams["autoReplyState"];

// Schedule times are wall-clock (datetime-local) in the schedule's zone; lib/forms/auto-reply-fields.ts
// turns them into UTC instants with the `scheduleZone` this sends.
export type TAutoReplyFieldValues = {
  autoReplyState: TAutoReplyState;
  startTime: string;
  endTime: string;
  internalMessage: string;
  externalMessage: string;
  externalAudience: NonNullable<TAutoReplyParams["externalAudience"]>;
};

type TProps = {
  value: TAutoReplyFieldValues;
  onChange: (patch: Partial<TAutoReplyFieldValues>) => void;
  errors: Record<string, string[] | undefined>;
  states: readonly TAutoReplyState[]; // the order the choices are shown in
  zone: string;
  // Absent: the schedule is in `zone`, the mailbox's own, named in the labels. Present: the
  // field where the person picks the zone (many mailboxes, no one zone of theirs), named
  // scheduleZone and shown before start and end.
  zonePicker?: ReactNode;
  // Send the messages and audience while their fields are hidden (replies off, nobody outside):
  // one mailbox's form sends its current ones. Without (a bulk change), hidden ones are not sent,
  // and each mailbox keeps its own.
  keepHiddenMessages: boolean;
};

const STATE_LABELS: Record<TAutoReplyState, string> = { Disabled: "Off", Enabled: "On", Scheduled: "Scheduled" };

// The state, schedule and message fields of an automatic-reply change, for one mailbox and for
// a bulk change alike.
export function AutoReplyFields({ value, onChange, errors, states, zone, zonePicker, keepHiddenMessages }: TProps) {
  const enabled = value.autoReplyState !== "Disabled";
  return (
    <>
      {!zonePicker && <input type="hidden" name="scheduleZone" value={zone} />}
      <fieldset>
        <legend className="text-sm font-medium">State</legend>
        <div className="mt-1 flex gap-6">
          {states.map((s) => (
            <label key={s} className="flex items-center gap-2">
              <input type="radio" name="autoReplyState" value={s} checked={value.autoReplyState === s}
                onChange={() => onChange(s === "Scheduled" ? { autoReplyState: s, ...scheduledWindow(value, zone, new Date()) } : { autoReplyState: s })} />
              {STATE_LABELS[s]}
            </label>
          ))}
        </div>
        <FieldError id="autoReplyState" errors={errors.autoReplyState} />
      </fieldset>

      {value.autoReplyState === "Scheduled" && (
        <div className={`grid gap-4 ${zonePicker ? "sm:grid-cols-3" : "sm:grid-cols-2"}`}>
          {zonePicker}
          {(["startTime", "endTime"] as const).map((name) => (
            <div key={name}>
              <label htmlFor={name} className="block text-sm font-medium">
                {name === "startTime" ? "Start" : "End"}
                {!zonePicker && <> ({zone}, the mailbox&apos;s time)</>}
              </label>
              <input id={name} name={name} type="datetime-local" value={value[name]} min={`${SCHEDULE_YEARS.first}-01-01T00:00`} max={`${SCHEDULE_YEARS.last}-12-31T23:59`}
                onChange={(e) => onChange({ [name]: e.target.value })} aria-invalid={Boolean(errors[name])} aria-describedby={`${name}-error`} className={INPUT_CLASS} />
              <FieldError id={name} errors={errors[name]} />
            </div>
          ))}
        </div>
      )}

      {enabled && (
        <>
          <MessageField name="internalMessage" label="Reply to people inside the organisation" toolbarLabel="Formatting of the internal reply" value={value.internalMessage}
            onChange={(v) => onChange({ internalMessage: v })} errors={errors.internalMessage} />
          <div>
            <label htmlFor="externalAudience" className="block text-sm font-medium">Reply to senders outside the organisation</label>
            <select id="externalAudience" name="externalAudience" value={value.externalAudience}
              onChange={(e) => onChange({ externalAudience: e.target.value as TAutoReplyFieldValues["externalAudience"] })}
              aria-describedby="externalAudience-error" className={`${INPUT_CLASS} max-w-xs`}>
              <option value="None">Nobody outside</option>
              <option value="Known">Only known senders (contacts)</option>
              <option value="All">All external senders</option>
            </select>
            <FieldError id="externalAudience" errors={errors.externalAudience} />
          </div>
          {value.externalAudience !== "None" && (
            <MessageField name="externalMessage" label="Reply to external senders" toolbarLabel="Formatting of the external reply" value={value.externalMessage}
              onChange={(v) => onChange({ externalMessage: v })} errors={errors.externalMessage} />
          )}
        </>
      )}
      {keepHiddenMessages && !enabled && <input type="hidden" name="externalAudience" value={value.externalAudience} />}
      {keepHiddenMessages && !enabled && <input type="hidden" name="internalMessage" value={value.internalMessage} />}
      {keepHiddenMessages && (!enabled || value.externalAudience === "None") && <input type="hidden" name="externalMessage" value={value.externalMessage} />}
    </>
  );
}
