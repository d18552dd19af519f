import "server-only";
import { redirect } from "next/navigation";
import type { TSessionUser } from "@/lib/auth/session-user";
import type { TExchange } from "@/lib/exchange/create-exchange";
import { AppError } from "@/lib/errors/app-error";
import { ExchangeError } from "@/lib/exchange/errors";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";

export type TLoaded<T> = { ok: true; data: T } | { ok: false; message: string };

// A page's reads from Exchange as the signed-in person. Exchange's refusals become a message
// on the page; when Microsoft wants a new sign-in, the person is sent there and back.
export async function loadFromExchange<T>(user: TSessionUser, returnPath: string, read: (ex: TExchange) => Promise<T>): Promise<TLoaded<T>> {
  try {
    return { ok: true, data: await read(await createExchangeForUser(user)) };
  } catch (e) {
    if (e instanceof AppError && e.code === "REAUTH_REQUIRED") redirect(`/signin?reauth=1&callbackUrl=${encodeURIComponent(returnPath)}`);
    if (e instanceof ExchangeError) return { ok: false, message: e.message };
    throw e;
  }
}
