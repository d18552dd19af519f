import type { z } from "zod";
import type { ExchangeResult } from "@/lib/exchange/client";
import type { TExchange } from "@/lib/exchange/create-exchange";

// One allowlisted action: what it accepts, how it reads and changes a mailbox, how it is undone.
export type TCatalogueAction<TParams extends { identity: string }, TState> = {
  id: string;
  label: string;
  risk: "low" | "high";
  schema: z.ZodType<TParams>;
  readState(ex: TExchange, params: TParams): Promise<TState>;
  apply(ex: TExchange, params: TParams, clientRequestId: string, before: TState): Promise<ExchangeResult>;
  isApplied(params: TParams, state: TState): boolean;
  // The request that undoes this one, given the state read before it ran.
  inverse(params: TParams, before: TState): TInverse;
};

export type TInverse = { actionId: string; params: { identity: string } & Record<string, unknown> };
