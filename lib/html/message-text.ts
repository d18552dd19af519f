import { sanitizeMessageHtml } from "./message-html";

// An auto-reply message as plain text, for wording a change (rendered as text, never as HTML):
// paragraphs and line breaks become new lines, list items bullets, and a link keeps its
// destination after its text so an approver sees where it leads. Blank lines are dropped.
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

// The input is sanitize-html's output: the only entities left are the ones it escapes itself.
const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);

export function messageToText(html: string | null | undefined): string {
  return decode(
    sanitizeMessageHtml(html ?? "")
      .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g, (_m, href: string, inner: string) => {
        const text = inner.replace(/<[^>]*>/g, "").trim();
        const destination = href.replace(/^mailto:/, "");
        return text === destination || text === href ? text : `${inner} (${href})`;
      })
      .replace(/<li[^>]*>/g, "\n• ")
      .replace(/<br\s*\/?>|<hr\s*\/?>|<\/(p|div|li|h[1-4]|tr|blockquote|ul|ol|table)>/g, "\n")
      .replace(/<[^>]*>/g, ""),
  )
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n")
    .trim();
}
