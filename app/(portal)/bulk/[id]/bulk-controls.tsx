"use client";

import { useState, useTransition } from "react";
import { OutcomeBanner } from "@/app/_components/outcome-banner";
import type { TActionFailure } from "@/lib/action/authorised";
import { retryFailedAction, stopBulkAction } from "../actions";

type TResult = { ok: true; message: string } | TActionFailure;

// Retry the failed mailboxes, or stop the ones not yet started.
export function BulkControls({ bulkId, failed, queued }: { bulkId: string; failed: number; queued: number }) {
  const [result, setResult] = useState<TResult | null>(null);
  const [pending, start] = useTransition();
  const run = (action: (id: string) => Promise<TResult>) => start(async () => setResult(await action(bulkId)));
  const button = "rounded border px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 disabled:opacity-60";
  return (
    <div className="mt-4 space-y-2">
      <div className="flex gap-3">
        {failed > 0 && (
          <button type="button" disabled={pending} onClick={() => run(retryFailedAction)} className={`${button} border-blue-700 text-blue-800 hover:bg-blue-50`}>
            Retry the {failed} failed mailbox{failed === 1 ? "" : "es"}
          </button>
        )}
        {queued > 0 && (
          <button type="button" disabled={pending} onClick={() => run(stopBulkAction)} className={`${button} border-red-700 text-red-800 hover:bg-red-50`}>
            Stop the mailboxes not yet started
          </button>
        )}
      </div>
      <div aria-live="polite">{result && <OutcomeBanner tone={result.ok ? "success" : "error"} message={result.message} />}</div>
    </div>
  );
}
