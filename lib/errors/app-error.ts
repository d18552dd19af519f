import { z } from "zod";

// Errors a person may see. Anything else becomes a generic message plus a log line.
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "REAUTH_REQUIRED"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "UNAVAILABLE"
  | "RATE_LIMITED";

const defaultMessages: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: "Your session has ended. Sign in again to continue.",
  FORBIDDEN: "You do not have the ExoDesk role needed for this.",
  REAUTH_REQUIRED: "Microsoft asks you to sign in again before this change can run. What you typed is kept.",
  NOT_FOUND: "That item does not exist or you cannot see it.",
  INVALID_INPUT: "Some values are not valid. Check the highlighted fields.",
  CONFLICT: "Someone else changed this first. Reload to see the current state.",
  UNAVAILABLE: "A service ExoDesk depends on is not reachable. Try again in a moment.",
  RATE_LIMITED: "Too many attempts in a short time. Wait a minute, then try again.",
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors?: Record<string, string[]>;

  constructor(code: AppErrorCode, message?: string, fieldErrors?: Record<string, string[]>) {
    super(message ?? defaultMessages[code]);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

// A schema's refusal as the field errors a form shows: each message under the first segment of
// its path, and a refusal of the input as a whole under "form".
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const { formErrors, fieldErrors } = z.flattenError(error) as { formErrors: string[]; fieldErrors: Record<string, string[]> };
  return formErrors.length > 0 ? { ...fieldErrors, form: formErrors } : { ...fieldErrors };
}

// The same refusal in one line, for an API answer: "field: message; field: message".
export function describeRefusal(error: z.ZodError): string {
  return Object.entries(fieldErrorsOf(error))
    .flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`))
    .join("; ");
}
