"use client";

import { signIn } from "@/app/_components/auth-client";
import { useEffect, useState } from "react";

const PREFIX = "exodesk:draft:";

// When Microsoft asks the person to sign in again, what they typed is parked in this tab's
// sessionStorage (form values only, never tokens) and restored when they come back.
export function useDraftAcrossSignIn<T>(key: string, draft: T, setDraft: (d: T) => void, state: { ok: boolean; reauth?: boolean } | null): boolean {
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    const saved = sessionStorage.getItem(PREFIX + key);
    if (!saved) return;
    sessionStorage.removeItem(PREFIX + key);
    try {
      setDraft(JSON.parse(saved) as T);
      // Reading this tab's storage once after hydration is the effect's purpose; the server
      // cannot know the draft, so there is no render-time way to start from it.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      setRestored(true);
    } catch {
      // A damaged draft is dropped; the form keeps the mailbox's current values.
    }
  }, [key, setDraft]);

  useEffect(() => {
    if (state && !state.ok && state.reauth) {
      sessionStorage.setItem(PREFIX + key, JSON.stringify(draft));
      void signIn(window.location.href);
    }
    // Only a new action result should trigger this, not every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  return restored;
}
