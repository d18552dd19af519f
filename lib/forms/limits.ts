// One set of size limits for everything a person types. The server's schemas refuse anything
// longer (a crafted post skips the browser), and the browser uses the same numbers for its
// live field messages and its check before posting (no maxLength: it would cut a long paste
// without a word), so a person sees the same plain message
// either way and never meets Next.js's own body-size refusal (next.config.mjs sizes that above
// the largest form these limits allow).
//
// Pure and dependency-free on purpose: every form in the browser imports it.

export const MAX_MESSAGE_CHARS = 64 * 1024;
export const MAX_BULK_LIST_BYTES = 1_000_000;
export const MAX_BULK_ROWS = 5_000;

// The years a schedule may use. Microsoft documents no range for Set-MailboxAutoReplyConfiguration's
// StartTime/EndTime (exchange-admin-api.md says nothing either), so ExoDesk takes 2000–2099: every
// real schedule fits, and a slip such as "0026" or "20026" is refused instead of reaching Exchange.

export const LIMITS = {
  // An SMTP address is at most 320 characters (RFC 5321: 64 local + "@" + 255 domain); names,
  // aliases and UPNs fit in that too.
  identity: 320,
  reason: 500,
  search: 100,
  department: 200,
  filter: 320,
  message: MAX_MESSAGE_CHARS,
} as const;

// What each form field may hold, by the field's name in the form, and what the person is told.
export const FIELD_LIMITS: Record<string, { max: number; message: string }> = {
  identity: { max: LIMITS.identity, message: `A mailbox is named by at most ${LIMITS.identity} characters. Choose it from the suggestions or paste its address.` },
  trustee: { max: LIMITS.identity, message: `A person is named by at most ${LIMITS.identity} characters. Choose them from the suggestions or paste their address.` },
  pick: { max: LIMITS.identity, message: `A mailbox is named by at most ${LIMITS.identity} characters. Choose it from the suggestions or paste its address.` },
  reason: { max: LIMITS.reason, message: `Keep the reason under ${LIMITS.reason} characters.` },
  comment: { max: LIMITS.reason, message: `Keep the comment under ${LIMITS.reason} characters.` },
  internalMessage: { max: LIMITS.message, message: `Keep the message under ${LIMITS.message / 1024} KB.` },
  externalMessage: { max: LIMITS.message, message: `Keep the message under ${LIMITS.message / 1024} KB.` },
  department: { max: LIMITS.department, message: `A department name is at most ${LIMITS.department} characters.` },
};

export function limitOf(field: keyof typeof FIELD_LIMITS): { max: number; message: string } {
  const limit = FIELD_LIMITS[field];
  if (!limit) throw new Error(`No length limit is defined for the field "${String(field)}".`);
  return limit;
}

// The message for a value over its field's limit, or null when it fits.
export function tooLongMessage(field: string, value: string): string | null {
  const limit = FIELD_LIMITS[field];
  return limit && value.length > limit.max ? limit.message : null;
}

// Every over-long field of a form, as field errors; empty when all fit.
export function lengthErrors(values: Record<string, unknown>): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(values)) {
    const message = typeof value === "string" ? tooLongMessage(field, value) : null;
    if (message) errors[field] = [message];
  }
  return errors;
}

// The bulk list as a browser or the server measures it: UTF-8 bytes and rows.
export function bulkListError(text: string): string | null {
  // A file that is not text (a spreadsheet, an image) decodes to NUL and replacement characters.
  if (/[\u0000\uFFFD]/.test(text)) return "The list is not plain text. Save it as CSV (comma-separated values) or paste the addresses.";
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_BULK_LIST_BYTES) return `The list is larger than 1 MB (${(bytes / 1_000_000).toFixed(1)} MB). Split it into several bulk changes.`;
  let lines = 0;
  for (const line of text.split("\n")) if (line.trim() !== "") lines++;
  // One line more than the limit is allowed for a header row; the CSV parser counts exactly.
  if (lines > MAX_BULK_ROWS + 1) return `The list has ${lines} lines; one bulk change takes at most ${MAX_BULK_ROWS} mailboxes. Split it.`;
  return null;
}
