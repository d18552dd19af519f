"use server";

import { z } from "zod";
import { authorised, type TActionFailure } from "@/lib/action/authorised";
import { findMailboxes, MIN_SEARCH_CHARS, type TRecipient } from "@/lib/cmdlets/read-mailbox";
import { createExchangeForUser } from "@/lib/auth/exchange-for-user";

export type TSearchResult = { ok: true; items: TRecipient[] } | TActionFailure;

// Typing is not a mistake: a query too short or too long to search finds nothing (null).
const ZQuery = z.string().trim().min(MIN_SEARCH_CHARS).max(100).nullable().catch(null);

export const searchMailboxes = authorised("mailbox.read", { rateLimit: "lookup", schema: ZQuery }, async ({ user }, query): Promise<TSearchResult> => {
  if (query === null) return { ok: true, items: [] };
  const ex = await createExchangeForUser(user);
  return { ok: true, items: await findMailboxes(ex, query) };
});
