// Exchange keeps automatic-reply messages as HTML documents: plain text (or an HTML fragment)
// set through Set-MailboxAutoReplyConfiguration comes back from Get-… wrapped in <html><body>.
// Clients must compare messages by content, not byte for byte.
export function toStoredOofMessage(message: string | null): string | null {
  if (message === null || message === "") return message;
  if (/<html[\s>]/i.test(message)) return message;
  return `<html>\n<body>\n${message}\n</body>\n</html>\n`;
}
