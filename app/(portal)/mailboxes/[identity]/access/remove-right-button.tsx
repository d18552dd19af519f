"use client";

import { useFormAction, useSignInWhenAsked, type TFormAction } from "@/app/_components/use-form-action";
import type { TAccessChangeShown } from "./actions";

type TProps = { action: TFormAction<TAccessChangeShown>; actionId: string; identity: string; trustee: string; label: string };

export function RemoveRightButton({ action, actionId, identity, trustee, label }: TProps) {
  const { state, pending, onSubmit } = useFormAction(action);
  useSignInWhenAsked(state);
  return (
    <form onSubmit={onSubmit}>
      <input type="hidden" name="actionId" value={actionId} />
      <input type="hidden" name="identity" value={identity} />
      <input type="hidden" name="trustee" value={trustee} />
      <button type="submit" aria-label={label} disabled={pending}
        className="rounded border border-red-300 px-2 py-1 text-xs text-red-800 hover:bg-red-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-500 disabled:opacity-60">
        {pending ? "Removing…" : "Remove"}
      </button>
      {state && !state.ok && !state.reauth && <p role="alert" className="mt-1 text-left text-xs text-red-800">{state.message}</p>}
    </form>
  );
}
