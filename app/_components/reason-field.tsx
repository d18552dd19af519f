import { tooLongMessage } from "@/lib/forms/limits";
import { FieldError, INPUT_CLASS } from "./field-error";

// Why the change is needed: required when policy sends it for approval; the approver reads it.
// No maxLength: a long paste would be cut without a word; the limit's message shows instead.
export function ReasonField({ value, onChange, errors }: { value: string; onChange: (v: string) => void; errors?: string[] }) {
  const tooLong = tooLongMessage("reason", value);
  return (
    <div>
      <label htmlFor="reason" className="block text-sm font-medium">Reason (needed when the change goes to an approver)</label>
      <input id="reason" name="reason" value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={Boolean(tooLong ?? errors)} aria-describedby="reason-error"
        className={INPUT_CLASS} />
      <FieldError id="reason" errors={tooLong ? [tooLong] : errors} />
    </div>
  );
}
