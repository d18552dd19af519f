import "server-only";
import type { TAutoReplyState } from "@/lib/cmdlets/set-auto-reply";
import { sanitizeMessageHtmlForDisplay } from "@/lib/html/display-message-html";

// A mailbox's automatic replies as the page shows them: its messages sanitised for display here,
// on the server, whether they come from the page's read or a change's read-back.
export type TShownAutoReply = TAutoReplyState;

export function toShownAutoReply(state: TAutoReplyState): TShownAutoReply {
  return { ...state, internalMessage: sanitizeMessageHtmlForDisplay(state.internalMessage), externalMessage: sanitizeMessageHtmlForDisplay(state.externalMessage) };
}
