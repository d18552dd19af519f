"use client";

import { useActionState } from "react";
import { DataTable } from "@/app/_components/data-table";
import { FieldError } from "@/app/_components/field-error";
import { retryDeliveryAction, saveNotificationSwitchAction, saveNotifyAddressAction } from "./actions";
import { Result } from "./action-result";

// One event's e-mail and webhook switches, saved together.
export function SwitchRow(props: { event: string; description: string; email: boolean; webhook: boolean }) {
  const [state, formAction, pending] = useActionState(saveNotificationSwitchAction, null);
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className="px-3 py-2 text-left font-normal">{props.description}</th>
      <td className="px-3 py-2">
        <form action={formAction} className="flex flex-wrap items-center gap-4">
          <input type="hidden" name="event" value={props.event} />
          <label className="flex items-center gap-2">
            <input type="checkbox" name="email" defaultChecked={props.email} aria-label={`E-mail: ${props.description}`} /> E-mail
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="webhook" defaultChecked={props.webhook} aria-label={`Webhook: ${props.description}`} /> Webhook
          </label>
          <button type="submit" disabled={pending} aria-label={`Save switches for ${props.description}`} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">Save</button>
          <Result state={state} />
        </form>
      </td>
    </tr>
  );
}

// The address also told when a request of this action waits (blank: the approvers only).
export function NotifyAddressForm({ actionId, label, notifyAddress }: { actionId: string; label: string; notifyAddress: string | null }) {
  const [state, formAction, pending] = useActionState(saveNotifyAddressAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const id = `${actionId.replace(/\W/g, "-")}-notify`;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="actionId" value={actionId} />
      <input type="text" inputMode="email" autoComplete="off" name="notifyAddress" defaultValue={notifyAddress ?? ""} aria-label={`${label}: address also told when a request waits`}
        aria-describedby={`${id}-error`} className="w-56 rounded border border-slate-300 px-2 py-1" />
      <button type="submit" disabled={pending} aria-label={`Save notification address for ${label}`} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">Save</button>
      <Result state={state} />
      <FieldError id={id} errors={errors.notifyAddress} />
    </form>
  );
}

type TFailedDelivery = { id: string; queued: string; event: string; channel: string; recipient: string; attempts: number; lastError: string | null };

// The failed deliveries, each with its Try again button. One answer for the lot, above the table,
// because a delivery tried again leaves the table as the page is read again.
export function DeliveryFailuresTable({ rows }: { rows: TFailedDelivery[] }) {
  const [state, formAction, pending] = useActionState(retryDeliveryAction, null);
  return (
    <>
      <p className="mt-2 min-h-5"><Result state={state} /></p>
      {rows.length > 0 && (
        <DataTable
          className="mt-2"
          caption="Deliveries that failed"
          rows={rows}
          rowKey={(d) => d.id}
          columns={[
            { header: "Queued", className: "whitespace-nowrap", cell: (d) => d.queued },
            { header: "Event", cell: (d) => d.event },
            { header: "Channel", cell: (d) => d.channel },
            { header: "Recipient", className: "break-all", cell: (d) => d.recipient },
            { header: "Attempts", cell: (d) => d.attempts },
            { header: "Last error", className: "break-words", cell: (d) => d.lastError ?? "none recorded" },
            {
              header: "Retry",
              hideHeader: true,
              cell: (d) => (
                <form action={formAction}>
                  <input type="hidden" name="id" value={d.id} />
                  <button type="submit" disabled={pending} aria-label={`Try again: ${d.event} to ${d.recipient}`} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">Try again</button>
                </form>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
