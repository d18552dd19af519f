export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-700">
      {errors?.join(" ")}
    </p>
  );
}
