"use client";

import { useActionState } from "react";
import { FieldError } from "@/app/_components/field-error";
import { addProtectionAction, removeProtectionAction, savePolicyAction } from "./actions";
import { NotifyAddressForm } from "./notification-forms";
import { Result } from "./action-result";

export function PolicyRow(props: { actionId: string; label: string; requiresApproval: boolean; pendingHours: number; isDefault: boolean; notifyAddress: string | null }) {
  const [state, formAction, pending] = useActionState(savePolicyAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = props.actionId.replace(/\W/g, "-");
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className="px-3 py-2 text-left font-normal">{props.label}{props.isDefault && <span className="ml-1 text-xs text-slate-600">(default)</span>}</th>
      <td className="px-3 py-2">
        <form action={formAction} className="flex flex-wrap items-center gap-4">
          <input type="hidden" name="actionId" value={props.actionId} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="requiresApproval" defaultChecked={props.requiresApproval} aria-label={`${props.label} needs approval`} /> Needs approval
          </label>
          <label className="flex items-center gap-2">
            Pending for
            <input type="number" name="pendingHours" defaultValue={props.pendingHours} min={1} max={720} aria-label={`${props.label}: hours a request may wait`}
              aria-describedby={`${id}-hours-error`} className="w-20 rounded border border-slate-300 px-2 py-1" /> hours
          </label>
          <button type="submit" disabled={pending} aria-label={`Save policy for ${props.label}`} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">Save</button>
          <Result state={state} />
          <FieldError id={`${id}-hours`} errors={errors.pendingHours} />
        </form>
      </td>
      <td className="px-3 py-2"><NotifyAddressForm actionId={props.actionId} label={props.label} notifyAddress={props.notifyAddress} /></td>
    </tr>
  );
}

export function AddProtectionForm() {
  const [state, formAction, pending] = useActionState(addProtectionAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="protect-kind" className="block text-sm font-medium">Protect</label>
        <select id="protect-kind" name="kind" className="mt-1 rounded border border-slate-300 px-2 py-1.5">
          <option value="MAILBOX">a mailbox (address)</option>
          <option value="DEPARTMENT">a department</option>
        </select>
      </div>
      <div>
        <label htmlFor="protect-value" className="block text-sm font-medium">Address or department</label>
        <input id="protect-value" name="value" aria-describedby="protect-value-error" className="mt-1 rounded border border-slate-300 px-2 py-1.5" />
        <FieldError id="protect-value" errors={errors.value} />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 text-white hover:bg-blue-800">Add</button>
      <Result state={state} />
    </form>
  );
}

export function RemoveProtectionButton({ id, label }: { id: string; label: string }) {
  const [state, formAction, pending] = useActionState(removeProtectionAction, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Remove protection of ${label}`} className="text-sm text-red-800 underline">Remove</button>
      <Result state={state} />
    </form>
  );
}
