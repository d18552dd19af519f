"use client";

import { useActionState } from "react";
import { markAllReadAction } from "./actions";

export function MarkAllReadForm() {
  const [state, formAction, pending] = useActionState(markAllReadAction, null);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">Mark all as read</button>
      <span role={state?.ok === false ? "alert" : "status"} className={`text-sm ${state?.ok === false ? "text-red-800" : "text-green-800"}`}>{state?.message}</span>
    </form>
  );
}
