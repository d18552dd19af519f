"use server";

import { z } from "zod";
import { authorised, type TActionFailure } from "@/lib/action";
import { findMailboxes, MIN_SEARCH_CHARS, type TRecipient } from "@/lib/cmdlets/read-mailbox";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";

export type TSearchResult = { ok: true; items: TRecipient[] } | TActionFailure;

const ZQuery = z.string().trim().min(MIN_SEARCH_CHARS).max(100);

export const searchMailboxes = authorised("mailbox.read", { rateLimit: "lookup" }, async ({ user }, query: string): Promise<TSearchResult> => {
  const text = ZQuery.safeParse(query);
  if (!text.success) return { ok: true, items: [] };
  const ex = await createExchangeForUser(user);
  return { ok: true, items: await findMailboxes(ex, text.data) };
});
