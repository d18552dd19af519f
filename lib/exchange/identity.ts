// Mailbox identities: UPNs, SMTP addresses, aliases and directory names. Exchange and Entra ID
// compare them case-insensitively and return them in whatever case they were created with, and
// people paste them with stray spaces or with accents composed either way. This module owns
// the one normal form (what is stored and what is looked up, so the two always meet) and the
// equality that follows from it.

// NFC, trimmed, lower-case. Store and query through this, never through toLowerCase alone: an
// address stored one way and searched another is a history nobody can find.
export function normaliseIdentity(value: string): string {
  return String(value ?? "").normalize("NFC").trim().toLowerCase();
}

// Blank never matches anything, so an empty field cannot match an empty target.
export function sameIdentity(a: string, b: string): boolean {
  const left = normaliseIdentity(a);
  return left !== "" && left === normaliseIdentity(b);
}
