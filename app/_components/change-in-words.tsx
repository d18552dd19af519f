import type { ReactNode } from "react";
import type { TChangeLine, TChangeWords, TTense } from "@/lib/requests/describe-change";

// A change in words (lib/requests/describe-change.ts): its sentence, and what it adds, removes
// and changes, one line each. Messages are text, never HTML.
export function ChangeSentence({ words }: { words: TChangeWords }) {
  return <p className="text-slate-900" data-testid="change-sentence">{words.sentence}.</p>;
}

function Message({ label, text, tone }: { label: string; text: string; tone: string }) {
  return (
    <div className={`mt-1 rounded border bg-slate-50 p-2 ${tone}`}>
      <span className="text-xs text-slate-700">{label}:</span>
      <blockquote className="whitespace-pre-line">{text || "(no text)"}</blockquote>
    </div>
  );
}

function Line({ line }: { line: TChangeLine }) {
  const field = <span className="font-medium">{line.field}:</span>;
  switch (line.kind) {
    case "added":
      return <>{field} <span className="rounded bg-green-50 px-1 text-green-800">+ {line.value}</span></>;
    case "removed":
      return <>{field} <span className="rounded bg-red-50 px-1 text-red-800">− {line.value}</span></>;
    case "changed":
      return line.before === null
        ? <>{field} set to <span className="rounded bg-green-50 px-1 text-green-800">{line.after}</span></>
        : <>{field} <span className="rounded bg-red-50 px-1 text-red-800">{line.before}</span> → <span className="rounded bg-green-50 px-1 text-green-800">{line.after}</span></>;
    case "message":
      return (
        <>
          {field} {line.before === null ? "set to" : "changed"}
          {line.before !== null && <Message label="Before" text={line.before} tone="border-red-200" />}
          <Message label={line.before === null ? "Text" : "After"} text={line.after} tone="border-green-200" />
        </>
      );
  }
}

// The heading of a change's diff, in the tense its sentence is told in.
export const DIFF_HEADING: Record<TTense, string> = {
  will: "What changes",
  did: "What changed",
  would: "What would have changed",
  may: "What may have changed",
};

const NOTHING: Record<TTense, string> = {
  will: "Nothing changes: the mailbox already is as asked.",
  did: "Nothing changed: the mailbox already was as asked.",
  would: "Nothing would have changed: the mailbox already was as asked.",
  may: "Nothing would change: the mailbox already was as asked.",
};

export function ChangeLines({ words, label }: { words: TChangeWords; label: string }) {
  if (words.lines.length === 0) {
    return <p className="text-sm text-slate-600">{words.worded ? NOTHING[words.tense] : "ExoDesk cannot show this change's before and after in words; see the technical details."}</p>;
  }
  return (
    <ul className="space-y-1 text-sm" aria-label={label}>
      {words.lines.map((l) => <li key={`${l.kind} ${l.field}`}><Line line={l} /></li>)}
    </ul>
  );
}

// The raw request and states, for auditors and the curious; closed until asked for.
export function TechnicalDetails({ parts }: { parts: { label: string; value: unknown }[] }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-slate-700 focus-visible:outline-2 focus-visible:outline-blue-700">Technical details</summary>
      <div className="mt-2 grid gap-3 md:grid-cols-3">
        {parts.map((p) => (
          <div key={p.label}>
            <h3 className="font-medium">{p.label}</h3>
            <Json value={p.value} />
          </div>
        ))}
      </div>
    </details>
  );
}

function Json({ value }: { value: unknown }): ReactNode {
  if (value === null || value === undefined) return <p className="text-slate-600">(not read)</p>;
  return <pre className="whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">{typeof value === "string" ? value : JSON.stringify(value, null, 2)}</pre>;
}
