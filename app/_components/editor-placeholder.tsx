// Where the message editor will be, while its code loads: the same size, so nothing jumps.
export function EditorPlaceholder() {
  return <div className="mt-1 h-40 rounded border border-slate-300 bg-slate-50" aria-hidden="true" />;
}
