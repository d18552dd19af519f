import type { TActionResult } from "@/lib/action/authorised";

// What a policy form's action answered, beside its button.
export function Result({ state }: { state: TActionResult | null }) {
  if (!state) return null;
  return <span role={state.ok ? "status" : "alert"} className={`ml-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>{state.message}</span>;
}
