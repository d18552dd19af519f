// A message from Exchange, given as sanitised for display on the server
// (lib/html/display-message-html.ts): its links open in a new tab with their destination
// printed; none can navigate the portal's own tab. No sanitiser here, so the browser's pages
// that show a message do not carry one.
export function MessageHtml({ safeHtml }: { safeHtml: string }) {
  if (!safeHtml) return <span className="text-slate-600">(empty)</span>;
  return <div className="prose-message rounded border border-slate-100 bg-slate-50 p-2" dangerouslySetInnerHTML={{ __html: safeHtml }} />;
}
