// A cap on Exchange HTTP requests in flight per tenant. Exchange Online answers "You have
// reached the maximum number of concurrent requests per tenant" past its own limit, and one
// busy page (a long paged read, a burst of approvals) should not starve everyone else's calls.
//
// The count lives in this process's memory: each portal instance has its own cap, so N
// instances can have up to N × limit requests in flight for one tenant. Exchange's own 429s
// (retried by retry.ts) cover what this cannot see. Waiters are served first come, first
// served; a waiter whose signal aborts leaves the queue and never takes a slot.

import { getSetting } from "../env/settings";

// The limiter's own default; the portal's limit is the setting (lib/env/settings.ts, also 8 unset).
const DEFAULT_MAX_IN_FLIGHT_PER_TENANT = 8;

export type TReleaseSlot = () => void;

type Waiter = { grant: (release: TReleaseSlot) => void };
type TenantSlots = { inFlight: number; queue: Waiter[] };

export class TenantLimiter {
  readonly limit: number;
  private readonly tenants = new Map<string, TenantSlots>();

  constructor(limit: number = DEFAULT_MAX_IN_FLIGHT_PER_TENANT) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("The per-tenant Exchange concurrency limit must be a whole number of at least 1.");
    this.limit = limit;
  }

  // Resolves with a release function once a slot is free; rejects with the signal's reason if
  // the signal aborts first. Call the release function exactly once (extra calls are ignored).
  acquire(tenantId: string, signal?: AbortSignal): Promise<TReleaseSlot> {
    if (signal?.aborted) return Promise.reject(toReason(signal));
    const key = toKey(tenantId);
    const slots = this.slotsOf(key);
    if (slots.inFlight < this.limit && slots.queue.length === 0) {
      slots.inFlight += 1;
      return Promise.resolve(this.releaserFor(key));
    }
    return new Promise<TReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        const index = slots.queue.indexOf(waiter);
        if (index >= 0) slots.queue.splice(index, 1);
        this.forgetIfIdle(key);
        reject(toReason(signal));
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
      };
      slots.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  inFlight(tenantId: string): number {
    return this.tenants.get(toKey(tenantId))?.inFlight ?? 0;
  }

  waiting(tenantId: string): number {
    return this.tenants.get(toKey(tenantId))?.queue.length ?? 0;
  }

  private slotsOf(key: string): TenantSlots {
    let slots = this.tenants.get(key);
    if (!slots) {
      slots = { inFlight: 0, queue: [] };
      this.tenants.set(key, slots);
    }
    return slots;
  }

  private releaserFor(key: string): TReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const slots = this.slotsOf(key);
      // The slot passes straight to the next waiter, so a newcomer cannot jump the queue.
      const next = slots.queue.shift();
      if (next) next.grant(this.releaserFor(key));
      else {
        slots.inFlight -= 1;
        this.forgetIfIdle(key);
      }
    };
  }

  private forgetIfIdle(key: string): void {
    const slots = this.tenants.get(key);
    if (slots && slots.inFlight === 0 && slots.queue.length === 0) this.tenants.delete(key);
  }
}

// A tenant GUID is case-insensitive; "contoso.onmicrosoft.com" and the GUID of the same tenant
// would count separately, but ExoDesk always sends the token's `tid`.
function toKey(tenantId: string): string {
  return tenantId.trim().toLowerCase();
}

function toReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");
}

// One limiter per process, kept on globalThis because Next.js may evaluate this module more
// than once. EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT sets the limit.
const store = globalThis as typeof globalThis & { __exodeskExchangeLimiter?: TenantLimiter };

export function getDefaultTenantLimiter(): TenantLimiter {
  store.__exodeskExchangeLimiter ??= new TenantLimiter(getSetting("EXODESK_EXCHANGE_MAX_IN_FLIGHT_PER_TENANT"));
  return store.__exodeskExchangeLimiter;
}
