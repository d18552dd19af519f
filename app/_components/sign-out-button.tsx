"use client";

import { signOut } from "next-auth/react";
import { useActionState, useEffect } from "react";
import { signOutEverywhereAction } from "@/app/(portal)/actions";

const BUTTON = "rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500";

// Ends this session on every instance (the server deletes it) and clears the cookie.
export function SignOutButton({ className = "" }: { className?: string }) {
  return (
    <button type="button" onClick={() => void signOut({ callbackUrl: "/signin" })} className={`${BUTTON} ${className}`}>
      Sign out
    </button>
  );
}

// Ends every session of the person (other browsers and devices too), then this one's cookie.
export function SignOutEverywhereButton() {
  const [state, formAction, pending] = useActionState(signOutEverywhereAction, null);
  useEffect(() => {
    if (state?.ok) void signOut({ callbackUrl: "/signin" });
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
