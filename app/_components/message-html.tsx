import { sanitizeMessageHtmlForDisplay } from "@/lib/html/display-message-html";

// Exchange's stored HTML, sanitised on the server before it reaches the page. Its links open
// in a new tab with their destination printed; none can navigate the portal's own tab.
export function MessageHtml({ html }: { html: string }) {
  const safe = sanitizeMessageHtmlForDisplay(html);
  if (!safe) return <span className="text-slate-400">(empty)</span>;
  return <div className="prose-message rounded border border-slate-100 bg-slate-50 p-2" dangerouslySetInnerHTML={{ __html: safe }} />;
}
