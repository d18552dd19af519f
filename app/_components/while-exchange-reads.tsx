import { Suspense, type ReactNode } from "react";

// The part of a page that waits for Exchange streams in behind this note: the page's frame and
// scripts arrive (and are ready) while Exchange answers, and its answer replaces the note.
export function WhileExchangeReads({ what, children }: { what: string; children: ReactNode }) {
  return (
    <Suspense fallback={<p aria-busy="true" className="mt-4 text-slate-600">Reading {what} from Exchange…</p>}>
      {children}
    </Suspense>
  );
}
