"use client";

import { useEffect, useState } from "react";

// Exchange usually answers within a second or two. When a change takes longer, Exchange is
// throttling or failing and ExoDesk is waiting and retrying within its budget: say so
// rather than leave a spinner running.
const SLOW_AFTER_MS = 4000;

export function SlowExchangeNote({ pending }: { pending: boolean }) {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setSlow(true), SLOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [pending]);
  return (
    <p role="status" aria-live="polite" className="text-sm text-amber-900">
      {slow ? "Exchange is busy, retrying… ExoDesk keeps trying for up to about 30 seconds, then tells you what happened." : ""}
    </p>
  );
}
