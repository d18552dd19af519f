import { z } from "zod";
import { ExchangeError } from "@/lib/exchange/errors";
import { toStringList } from "./delegate-params";
import { limitOf, LIMITS } from "@/lib/forms/limits";
import type { TExchange } from "@/lib/exchange/create-exchange";

// Read-only lookups behind the pickers and mailbox pages (Get-Recipient, regional settings).
const ZRecipient = z.object({
  Name: z.string().nullish(),
  DisplayName: z.string().catch(""),
  PrimarySmtpAddress: z.string().catch(""),
  UserPrincipalName: z.string().nullish(),
  Alias: z.string().nullish(),
  RecipientTypeDetails: z.string().catch(""),
  Department: z.string().nullish(),
  ExternalDirectoryObjectId: z.string().nullish(),
});

export type TRecipient = {
  name: string | null;
  displayName: string;
  address: string;
  upn: string | null;
  alias: string | null;
  type: string;
  department: string | null;
};

function toRecipient(raw: Record<string, unknown>): TRecipient {
  const r = ZRecipient.parse(raw);
  return {
    name: r.Name ?? null,
    displayName: r.DisplayName,
    address: r.PrimarySmtpAddress,
    upn: r.UserPrincipalName ?? null,
    alias: r.Alias ?? null,
    type: r.RecipientTypeDetails,
    department: r.Department ?? null,
  };
}

const MAILBOX_TYPES = ["UserMailbox", "SharedMailbox", "RoomMailbox", "EquipmentMailbox"];
export const MIN_SEARCH_CHARS = 3;

export async function findMailboxes(ex: TExchange, text: string, limit = 15): Promise<TRecipient[]> {
  const result = await ex.invoke("Get-Recipient", {
    Anr: text,
    RecipientTypeDetails: MAILBOX_TYPES,
    ResultSize: limit,
  });
  return result.value.map(toRecipient);
}

// Every mailbox the person's Exchange read scope shows, all pages (bulk targets, reports).
export async function listMailboxes(ex: TExchange): Promise<TRecipient[]> {
  const result = await ex.invoke("Get-Recipient", { RecipientTypeDetails: MAILBOX_TYPES, ResultSize: "Unlimited" });
  return result.value.map(toRecipient);
}

// A mailbox page's address comes from its URL; one longer than any address is not sent.
export function refuseOverlongIdentity(identity: string): void {
  if (identity.length > LIMITS.identity) throw new ExchangeError("not_found", limitOf("identity").message);
}

async function readFirst(ex: TExchange, cmdlet: "Get-Recipient" | "Get-Mailbox", identity: string): Promise<Record<string, unknown>> {
  refuseOverlongIdentity(identity);
  const result = await ex.invoke(cmdlet, { Identity: identity });
  const first = result.value[0];
  if (!first) throw new Error(`${cmdlet} returned nothing for ${identity}`);
  return first;
}

export async function getRecipient(ex: TExchange, identity: string): Promise<TRecipient> {
  return toRecipient(await readFirst(ex, "Get-Recipient", identity));
}

// Get-Mailbox: the mailbox as Get-Recipient shows it (but without a department), and the
// people who may send on its behalf, by name (GrantSendOnBehalfTo).
export type TMailbox = TRecipient & { sendOnBehalf: string[] };

export async function getMailbox(ex: TExchange, identity: string): Promise<TMailbox> {
  const raw = await readFirst(ex, "Get-Mailbox", identity);
  return { ...toRecipient(raw), sendOnBehalf: toStringList(raw.GrantSendOnBehalfTo) };
}

// Reads started together (each needs only what the caller already knows). When one fails they
// all may (a mailbox that is not there, or not in the person's scope), and the first in the
// list is the one reported, so the message does not depend on which answer came first.
export async function readTogether<T extends readonly unknown[]>(reads: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const settled = await Promise.allSettled(reads);
  const failed = settled.find((s) => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

export type TRegionalSettings = { timeZone: string | null; language: string | null };

export async function getRegionalSettings(ex: TExchange, identity: string): Promise<TRegionalSettings> {
  const result = await ex.invoke("Get-MailboxRegionalConfiguration", { Identity: identity });
  const raw = result.value[0] ?? {};
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return { timeZone: text(raw.TimeZone), language: text(raw.Language) };
}
