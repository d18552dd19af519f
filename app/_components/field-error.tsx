// The look of a text field, select or text area on every form.
export const INPUT_CLASS = "mt-1 w-full rounded border border-slate-300 px-3 py-2 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.join(" ")}
    </p>
  );
}
