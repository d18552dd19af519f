import type { ExchangeError } from "./errors";

// Whether sending a cmdlet a second time can do harm, and whether a failed attempt can have
// reached Exchange at all. The retry policy (retry.ts) combines the two.
//
// A 429 means Exchange refused the call before running it, so any cmdlet may be sent again.
// A transient failure (502/503/504, a transient exception, our own timeout, a dropped
// connection) may come after Exchange ran the cmdlet: sending it again is only allowed when a
// second run ends in the same state and has no effect of its own.
//
//   cmdlet                                   repeat   why
//   Get-*                                    safe     reads change nothing
//   Set-MailboxAutoReplyConfiguration        safe     sets absolute state; a repeat writes the same values
//   Set-Mailbox                              safe     absolute values, and GrantSendOnBehalfTo @{Add/Remove}
//                                                     adds to / removes from a set: adding twice leaves one entry
//   Add-/Remove-MailboxPermission            safe     a repeat is refused as "already exists" / "no entry" (or a
//   Add-/Remove-RecipientPermission                   warning); callers take those as a note and read the mailbox
//   Add-/Remove-MailboxFolderPermission               back, so the outcome is still verified
//   Set-MailboxFolderPermission              safe     absolute role and flags ...
//   Add-/Set-MailboxFolderPermission with    unsafe   ... except that each successful run sends the user another
//     SendNotificationToUser = true                   sharing invitation: a repeat could double that email
//   anything else (New-*, Enable-*, …)       unsafe   not reviewed: when in doubt, do not re-send a write
//
// An unsafe write that failed in a way that may have reached Exchange is not retried: the
// caller reads the mailbox back to find out what happened (execute-request.ts).
export type TRepeatSafety = "read" | "idempotent-write" | "unsafe-write";

const IDEMPOTENT_WRITES = new Set(
  [
    "Set-MailboxAutoReplyConfiguration",
    "Set-Mailbox",
    "Add-MailboxPermission",
    "Remove-MailboxPermission",
    "Add-RecipientPermission",
    "Remove-RecipientPermission",
    "Add-MailboxFolderPermission",
    "Set-MailboxFolderPermission",
    "Remove-MailboxFolderPermission",
  ].map((name) => name.toLowerCase()),
);
const SENDS_INVITATION = new Set(["add-mailboxfolderpermission", "set-mailboxfolderpermission"]);

export function classifyRepeatSafety(cmdlet: string, parameters: Record<string, unknown>): TRepeatSafety {
  const name = cmdlet.trim().toLowerCase();
  if (name.startsWith("get-")) return "read";
  if (!IDEMPOTENT_WRITES.has(name)) return "unsafe-write";
  if (SENDS_INVITATION.has(name) && readParameter(parameters, "SendNotificationToUser") === true) return "unsafe-write";
  return "idempotent-write";
}

// Exchange's parameter names are case-insensitive.
function readParameter(parameters: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(parameters).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : parameters[key];
}

// Connection errors that happen before a single byte of the request is sent: the name did not
// resolve or nobody accepted the connection. A reset or "other side closed" can come after the
// request went out, so those are not on this list.
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

// True when the failure proves the request never reached Exchange, so even an unsafe write may
// be sent again. transport.ts keeps fetch's error as the ExchangeError's cause; undici puts
// the system error (with its code) in that error's own cause.
export function wasNeverSent(error: ExchangeError): boolean {
  if (error.kind === "throttled") return true;
  if (error.kind !== "transient" || error.status !== undefined) return false;
  let current: unknown = error.cause;
  for (let depth = 0; depth < 4 && typeof current === "object" && current !== null; depth += 1) {
    const code = "code" in current ? String(current.code) : undefined;
    if (code !== undefined && NEVER_SENT_CODES.has(code)) return true;
    current = "cause" in current ? current.cause : undefined;
  }
  return false;
}

// Our own cancellation (caller's signal) is never retried: the caller asked us to stop.
export function wasCancelled(error: ExchangeError): boolean {
  return error.kind === "transient" && error.diagnostics === "cancelled by caller";
}
