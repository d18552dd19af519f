// UPNs, SMTP addresses and aliases compare case-insensitively; Exchange returns them in
// whatever case they were created with.
// Blank never matches anything, so an empty field cannot match an empty target.
export function sameIdentity(a: string, b: string): boolean {
  const left = normaliseIdentity(a);
  return left !== "" && left === normaliseIdentity(b);
}

function normaliseIdentity(value: string): string {
  return String(value ?? "").normalize("NFC").trim().toLowerCase();
}
