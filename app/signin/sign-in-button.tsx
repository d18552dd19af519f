"use client";

import { signIn } from "@/app/_components/auth-client";
import { useState } from "react";

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void signIn(callbackUrl);
      }}
      className="mt-6 w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60"
    >
      {busy ? "Opening Microsoft sign-in…" : "Sign in with Microsoft"}
    </button>
  );
}
