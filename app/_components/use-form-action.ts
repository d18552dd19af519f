"use client";

import { signIn } from "@/app/_components/auth-client";
import { useRefreshHeaderCounts } from "@/app/_components/header-counts";
import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import type { TActionFailure, TActionResult } from "@/lib/action/authorised";
import { lengthErrors } from "@/lib/forms/limits";

export type TFormAction<TShown = never> = (prev: TActionResult<TShown> | null, form: FormData) => Promise<TActionResult<TShown>>;

// A server action behind a form. Submitting through onSubmit, not `action`, stops React from
// resetting the form after each attempt: a refused submission keeps everything typed.
// A field longer than ExoDesk's limit is refused here, before posting, with the server's own
// message: a post that size could otherwise meet the framework's body limit and lose the page.
export function useFormAction<TShown = never>(action: TFormAction<TShown>) {
  const [state, run, pending] = useActionState(action, null);
  const [refused, setRefused] = useState<TActionFailure | null>(null);
  // A decision, a due change run, a request sent: the header's counts may have moved.
  const refreshCounts = useRefreshHeaderCounts();
  useEffect(() => {
    if (state?.ok) refreshCounts();
  }, [state, refreshCounts]);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const failure = checkBeforePosting(data);
    setRefused(failure);
    if (failure) return;
    startTransition(() => run(data));
  };
  return { state: refused ?? state, pending, onSubmit };
}

function checkBeforePosting(data: FormData): TActionFailure | null {
  const values: Record<string, unknown> = {};
  for (const [name, value] of data.entries()) if (typeof value === "string") values[name] = value;
  const fieldErrors = lengthErrors(values);
  const first = Object.values(fieldErrors)[0]?.[0];
  return first ? { ok: false, message: `Nothing was sent. ${first}`, fieldErrors } : null;
}

// For forms with nothing typed to keep: when Microsoft wants a new sign-in, go there and back.
export function useSignInWhenAsked(state: TActionResult<unknown> | null): void {
  useEffect(() => {
    if (state && !state.ok && state.reauth) void signIn(window.location.href);
  }, [state]);
}
