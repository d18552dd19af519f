import "server-only";
import { AppError } from "./errors";
import { ExchangeError } from "./exchange/errors";

// What every server action returns to its form.
export type TActionFailure = { ok: false; message: string; fieldErrors?: Record<string, string[]>; reauth?: boolean };
export type TActionResult =
  | { ok: true; message: string; tone: "success" | "warning" | "error"; warnings?: string[]; href?: string }
  | TActionFailure;

// Errors a person may read become their message; anything else is logged and replaced by a
// generic one, so no stack trace or internal detail reaches the browser.
export function toActionError(e: unknown): TActionFailure {
  if (e instanceof AppError) {
    return { ok: false, message: e.message, fieldErrors: e.fieldErrors, reauth: e.code === "REAUTH_REQUIRED" || e.code === "UNAUTHENTICATED" };
  }
  if (e instanceof ExchangeError) return { ok: false, message: describeExchangeError(e) };
  console.error("server action failed", e instanceof Error ? `${e.name}: ${e.message}` : "non-error thrown");
  return { ok: false, message: "Something went wrong in ExoDesk. Nothing was changed by this step; try again, and tell an admin if it keeps happening." };
}

export function describeExchangeError(e: ExchangeError): string {
  switch (e.kind) {
    case "rbac_denied":
      return `Exchange refused: your Exchange roles do not allow this (${e.message}). Ask an Exchange admin for the right role group.`;
    case "out_of_scope":
      return `Exchange refused: this mailbox is outside the part of the organisation you may change. ${e.message}`;
    default:
      return e.message;
  }
}
