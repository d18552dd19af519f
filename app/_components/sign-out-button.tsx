"use client";

import { signOut } from "@/app/_components/auth-client";
import { useActionState, useEffect, useState } from "react";
import { signOutEverywhereAction } from "@/app/(portal)/actions";

const BUTTON = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

// Ends this session on every instance (the server deletes it) and clears the cookie. If the
// server could not end it, the person stays signed in and is told so.
export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function signOutHere() {
    setPending(true);
    setError(null);
    try {
      const answer = await signOut("/signin", { redirect: false });
      if (answer.url) return void (window.location.href = answer.url);
      setError(answer.error ?? "ExoDesk could not sign you out just now. Try again in a moment.");
    } catch {
      setError("ExoDesk could not be reached to sign you out. Try again in a moment.");
    }
    setPending(false);
  }
  return (
    <span className={`flex items-center gap-2 ${className}`}>
      <button type="button" onClick={() => void signOutHere()} disabled={pending} className={BUTTON}>
        Sign out
      </button>
      {error && <span role="alert" className="text-sm text-red-800">{error}</span>}
    </span>
  );
}

// Ends every session of the person (other browsers and devices too), then this one's cookie.
export function SignOutEverywhereButton() {
  const [state, formAction, pending] = useActionState(signOutEverywhereAction, null);
  useEffect(() => {
    if (state?.ok) void signOut("/signin");
  }, [state]);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <button type="submit" disabled={pending || state?.ok} className={BUTTON} title="Ends your sessions in every browser and on every device">
        Sign out everywhere
      </button>
      {state && !state.ok && <span role="alert" className="text-sm text-red-800">{state.message}</span>}
    </form>
  );
}
