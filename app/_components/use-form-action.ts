"use client";

import { signIn } from "next-auth/react";
import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import type { TActionResult } from "@/lib/action";

type TFormAction = (prev: TActionResult | null, form: FormData) => Promise<TActionResult>;

// A server action behind a form. Submitting through onSubmit, not `action`, stops React from
// resetting the form after each attempt: a refused submission keeps everything typed.
export function useFormAction(action: TFormAction) {
  const [state, run, pending] = useActionState(action, null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => run(data));
  };
  return { state, pending, onSubmit };
}

// For forms with nothing typed to keep: when Microsoft wants a new sign-in, go there and back.
export function useSignInWhenAsked(state: TActionResult | null): void {
  useEffect(() => {
    if (state && !state.ok && state.reauth) void signIn("entra", { callbackUrl: window.location.href });
  }, [state]);
}
