"use client";

import { useState, useTransition, type ChangeEvent } from "react";
import { AutoReplyFields, type TAutoReplyFieldValues } from "@/app/_components/auto-reply-fields";
import { FieldError, INPUT_CLASS } from "@/app/_components/field-error";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import { ReasonField } from "@/app/_components/reason-field";
import { RecipientField } from "@/app/_components/recipient-field";
import { TemplatePicker } from "@/app/_components/template-picker";
import { useFormAction } from "@/app/_components/use-form-action";
import { useBrowserValue } from "@/app/_components/use-browser-value";
import type { TBulkRow } from "@/lib/bulk/parse-bulk-rows";
import type { TTemplate } from "@/lib/templates/list-templates";
import { bulkListError, MAX_BULK_LIST_BYTES } from "@/lib/forms/limits";
import { checkBulkList, listDepartmentMailboxes, submitBulkAction } from "../actions";

const buttonClass = "rounded border border-blue-700 px-3 py-1.5 text-sm font-medium text-blue-800 hover:bg-blue-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60";

// On first: the choice the form starts with.
const STATE_ORDER = ["Enabled", "Scheduled", "Disabled"] as const;

// Step 1 builds and checks the list of mailboxes (paste, upload, pick, or a department);
// step 2 is the message and schedule they all get. Only a checked list can be submitted.
export function BulkForm({ departments, zones, templates }: { departments: string[]; zones: string[]; templates: TTemplate[] }) {
  const [list, setList] = useState("");
  const [picked, setPicked] = useState("");
  const [department, setDepartment] = useState(departments[0] ?? "");
  const [checked, setChecked] = useState<{ text: string; rows: TBulkRow[] } | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [checking, startChecking] = useTransition();
  // The schedule starts in the person's own zone (once the browser has said which); they may pick another.
  const ownZone = useBrowserValue(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [pickedZone, setZone] = useState<string | null>(null);
  const zone = pickedZone ?? (ownZone && zones.includes(ownZone) ? ownZone : "UTC");
  const [fields, setFields] = useState<TAutoReplyFieldValues>({ autoReplyState: "Enabled", startTime: "", endTime: "", internalMessage: "", externalMessage: "", externalAudience: "None" });
  const [reason, setReason] = useState("");
  const { state, pending, onSubmit } = useFormAction(submitBulkAction);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};

  const append = (addresses: string[]) => setList((l) => [l.trimEnd(), ...addresses].filter(Boolean).join("\n"));
  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    // A refused file leaves the list as it was; the same checks run again before posting.
    if (file.size > MAX_BULK_LIST_BYTES) return setListError(`The file is larger than 1 MB (${(file.size / 1_000_000).toFixed(1)} MB). Split it into several bulk changes.`);
    const text = await file.text();
    const refused = bulkListError(text);
    if (refused) return setListError(`${file.name}: ${refused}`);
    setListError(null);
    setList(text);
  };
  const check = () =>
    startChecking(async () => {
      // Checked here first: a list over the limits is never posted, and stays as typed.
      const refused = bulkListError(list);
      setListError(refused);
      if (refused) return;
      const result = await checkBulkList(list);
      if (result.ok) setChecked({ text: list, rows: result.rows });
      else {
        setChecked(null);
        setListError(result.message);
      }
    });
  const addDepartment = () =>
    startChecking(async () => {
      const result = await listDepartmentMailboxes(department);
      if (result.ok) append(result.addresses);
      else setListError(result.message);
    });

  const current = checked && checked.text === list ? checked.rows : null;
  const good = current?.filter((r) => r.mailbox) ?? [];
  const bad = current?.filter((r) => r.error) ?? [];

  return (
    <div className="mt-6 space-y-6">
      <section aria-labelledby="step-mailboxes" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="step-mailboxes" className="text-lg font-semibold">1. Mailboxes</h2>
        <div>
          <label htmlFor="list" className="block text-sm font-medium">Addresses: one per line, or CSV with an Address, Email or UserPrincipalName column</label>
          <textarea id="list" rows={8} value={list} onChange={(e) => setList(e.target.value)} aria-describedby="list-error" className={`${INPUT_CLASS} font-mono text-sm`} />
          <FieldError id="list" errors={listError ? [listError] : undefined} />
        </div>
        <div className="flex flex-wrap items-end gap-6">
          <div>
            <label htmlFor="upload" className="block text-sm font-medium">Upload a CSV file</label>
            <input id="upload" type="file" accept=".csv,.txt,text/csv,text/plain" onChange={(e) => void upload(e)} className="mt-1 text-sm" />
          </div>
          {departments.length > 0 && (
            <div className="flex items-end gap-2">
              <div>
                <label htmlFor="department" className="block text-sm font-medium">Department</label>
                <select id="department" value={department} onChange={(e) => setDepartment(e.target.value)} className={INPUT_CLASS}>
                  {departments.map((d) => <option key={d}>{d}</option>)}
                </select>
              </div>
              <button type="button" onClick={addDepartment} disabled={checking} className={buttonClass}>Add its mailboxes</button>
            </div>
          )}
        </div>
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <RecipientField name="pick" label="Find a mailbox to add" value={picked} onChange={setPicked} />
          </div>
          <button type="button" onClick={() => { append([picked.trim()]); setPicked(""); }} disabled={!picked.trim()} className={`${buttonClass} mb-0.5`}>Add to the list</button>
        </div>
        <button type="button" onClick={check} disabled={checking || !list.trim()} className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
          {checking ? "Checking with Exchange…" : "Check the list"}
        </button>
        <div aria-live="polite">
          {checked && !current && <p className="text-sm text-amber-800">The list changed since it was checked. Check it again.</p>}
          {current && <CheckedRows good={good} bad={bad} />}
        </div>
      </section>

      <form onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="step-message">
        <h2 id="step-message" className="text-lg font-semibold">2. Message and schedule</h2>
        <input type="hidden" name="targets" value={good.map((r) => `${r.line}\t${r.mailbox!.address}`).join("\n")} />
        <FieldError id="targets" errors={errors.targets} />
        {fields.autoReplyState !== "Disabled" && (
          <TemplatePicker templates={templates} endTime={fields.endTime} scheduled={fields.autoReplyState === "Scheduled"} onChange={(patch) => setFields((f) => ({ ...f, ...patch }))} />
        )}
        <AutoReplyFields value={fields} onChange={(patch) => setFields((f) => ({ ...f, ...patch }))} errors={errors}
          states={STATE_ORDER} zone={zone} zonePicker={
            <div>
              <label htmlFor="scheduleZone" className="block text-sm font-medium">Time zone of the schedule</label>
              <select id="scheduleZone" name="scheduleZone" value={zone} onChange={(e) => setZone(e.target.value)} className={INPUT_CLASS}>
                {zones.map((z) => <option key={z}>{z}</option>)}
              </select>
            </div>
          } keepHiddenMessages={false} />
        <ReasonField value={reason} onChange={setReason} errors={errors.reason} />
        <button type="submit" disabled={pending || good.length === 0}
          className="rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60">
          {pending ? "Submitting…" : good.length === 0 ? "Check a list of mailboxes first" : `Set automatic replies for ${good.length} mailbox${good.length === 1 ? "" : "es"}`}
        </button>
        <div aria-live="polite">{state && !state.ok && !state.reauth && <OutcomeBanner tone="error" message={state.message} />}</div>
      </form>
    </div>
  );
}

function CheckedRows({ good, bad }: { good: TBulkRow[]; bad: TBulkRow[] }) {
  return (
    <div className="space-y-3">
      <p role="status" className="text-sm">
        <strong>{good.length}</strong> mailbox{good.length === 1 ? "" : "es"} ready.{" "}
        {bad.length > 0 && <strong className="text-red-800">{bad.length} row{bad.length === 1 ? "" : "s"} refused and left out:</strong>}
      </p>
      {bad.length > 0 && (
        <table className="w-full text-left text-sm" aria-label="Refused rows">
          <thead>
            <tr className="border-b border-slate-200"><th scope="col" className="py-1 pr-4">Line</th><th scope="col" className="py-1 pr-4">Row</th><th scope="col" className="py-1">Why</th></tr>
          </thead>
          <tbody>
            {bad.map((r) => (
              <tr key={r.line} className="border-b border-slate-100 text-red-900"><td className="py-1 pr-4">{r.line}</td><td className="py-1 pr-4 font-mono">{r.input}</td><td className="py-1">{r.error}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      {good.length > 0 && (
        <details>
          <summary className="cursor-pointer text-sm text-blue-800">Show the {good.length} mailboxes</summary>
          <ul className="mt-2 max-h-64 overflow-auto text-sm">
            {good.map((r) => <li key={r.line}>{r.mailbox!.displayName} <span className="text-slate-600">{r.mailbox!.address}</span></li>)}
          </ul>
        </details>
      )}
    </div>
  );
}
