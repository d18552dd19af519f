// Placeholders in automatic-reply templates: {{displayName}} and the like, filled per mailbox.
// Pure (no server code): the template picker fills them in the browser for one mailbox, a bulk
// change on the server for each of its mailboxes.

export const PLACEHOLDERS = {
  displayName: "the mailbox owner's display name",
  endDate: "the day the replies end, in the mailbox's time zone and language (e.g. Monday, December 14, 2026)",
  endDateTime: "the day and time the replies end, in the mailbox's time zone and language",
  coverName: "the name of the colleague covering the absence",
  coverAddress: "the email address of the colleague covering the absence",
} as const;

export type TPlaceholder = keyof typeof PLACEHOLDERS;
export type TPlaceholderValues = Partial<Record<TPlaceholder, string | null>>;

// The values that differ per mailbox; a bulk change fills these for each mailbox itself.
export const MAILBOX_PLACEHOLDERS: readonly TPlaceholder[] = ["displayName", "endDate", "endDateTime"];
export const END_PLACEHOLDERS: readonly TPlaceholder[] = ["endDate", "endDateTime"];

// {{name}}, spaces inside the braces allowed.
const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g;

export function isPlaceholder(name: string): name is TPlaceholder {
  return Object.hasOwn(PLACEHOLDERS, name);
}

export const placeholderToken = (name: string) => `{{${name}}}`;

// Every placeholder name the text uses (known or not), once each, in order of appearance.
export function listPlaceholders(html: string): string[] {
  return [...new Set([...html.matchAll(TOKEN)].map((m) => m[1]!))];
}

// Where each {{…}} is in a text, as [start, end) offsets: the message editor keeps each one's
// formatting whole.
export function placeholderSpans(text: string): [number, number][] {
  return [...text.matchAll(TOKEN)].map((m) => [m.index, m.index + m[0].length]);
}

// Why a template's text cannot be saved, or null: an unknown name, or a brace pair left open.
export function checkPlaceholders(html: string): string | null {
  const unknown = listPlaceholders(html).filter((name) => !isPlaceholder(name));
  if (unknown.length > 0) {
    const known = Object.keys(PLACEHOLDERS).map(placeholderToken).join(", ");
    return `${unknown.map(placeholderToken).join(", ")} ${unknown.length === 1 ? "is not a placeholder" : "are not placeholders"} ExoDesk knows. Use ${known}.`;
  }
  if (/\{\{|\}\}/.test(html.replace(TOKEN, ""))) return "A placeholder is not closed: write it as {{displayName}}, with two braces on each side.";
  return null;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// Fills the placeholders that have a value (escaped: a value is text, never markup). Those
// without one stay in the text and are listed in `missing`, for the caller to refuse or leave
// for later (a bulk change fills the mailbox's own values per mailbox).
export function fillPlaceholders(html: string, values: TPlaceholderValues): { html: string; missing: string[] } {
  const missing = new Set<string>();
  const filled = html.replace(TOKEN, (token, name: string) => {
    const value = isPlaceholder(name) ? values[name] : null;
    if (value === null || value === undefined || value.trim() === "") {
      missing.add(name);
      return token;
    }
    return escapeHtml(value);
  });
  return { html: filled, missing: [...missing] };
}

const WHY_MISSING: Record<TPlaceholder, string> = {
  displayName: "the mailbox has no display name",
  endDate: "the replies have no end: choose Scheduled and set the end first",
  endDateTime: "the replies have no end: choose Scheduled and set the end first",
  coverName: "no covering colleague is chosen: pick one from the suggestions",
  coverAddress: "no covering colleague is chosen: pick one from the suggestions",
};

// One sentence a person can act on, for placeholders that could not be filled.
export function describeMissing(missing: readonly string[]): string {
  const reasons = [...new Set(missing.map((name) => (isPlaceholder(name) ? WHY_MISSING[name] : `${placeholderToken(name)} is not a placeholder ExoDesk knows`)))];
  return `${missing.map(placeholderToken).join(", ")} cannot be filled: ${reasons.join("; ")}.`;
}

// For a message about to be sent as it is (one mailbox's form): the fields that still hold a
// template's placeholder, each with what to do; null when none does.
export function findUnfilled(messages: Record<"internalMessage" | "externalMessage", string | null>): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  for (const field of ["internalMessage", "externalMessage"] as const) {
    const left = listPlaceholders(messages[field] ?? "").filter(isPlaceholder);
    if (left.length > 0) {
      errors[field] = [`${left.map(placeholderToken).join(", ")} ${left.length === 1 ? "is a placeholder" : "are placeholders"} with no value here: use the template again once the end or the colleague is set, or write the text in place.`];
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

// Exchange gives a mailbox's language as a culture name ("de-DE"); none, or one Intl does not
// know, formats as en-US, Exchange's default.
export const FALLBACK_LANGUAGE = "en-US";

function toLocale(language: string | null): string {
  if (!language) return FALLBACK_LANGUAGE;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([language])[0] ?? FALLBACK_LANGUAGE;
  } catch {
    return FALLBACK_LANGUAGE;
  }
}

// The end of the replies as the mailbox's owner reads dates: in their time zone (IANA) and language.
export function formatEnd(instant: Date, zone: string, language: string | null): Pick<TPlaceholderValues, "endDate" | "endDateTime"> {
  const locale = toLocale(language);
  return {
    endDate: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: zone }).format(instant),
    endDateTime: new Intl.DateTimeFormat(locale, { dateStyle: "full", timeStyle: "short", timeZone: zone }).format(instant),
  };
}

// The same from a wall-clock time already in the mailbox's zone ("2026-12-14T17:00", as the
// form's datetime-local field holds it): read as that wall clock, whatever the browser's zone.
export function formatWallClockEnd(local: string, language: string | null): Pick<TPlaceholderValues, "endDate" | "endDateTime"> {
  const instant = new Date(`${local}Z`);
  return Number.isNaN(instant.getTime()) ? {} : formatEnd(instant, "UTC", language);
}
