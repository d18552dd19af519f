import { randomToken } from "../ids";

export const NEXT_LINK_LIFETIME_MS = 5 * 60_000;
export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 1000;

export type Row = Record<string, unknown>;

// The rest of a result set, held for a short while behind an opaque $skiptoken. Each page
// gets its own token and tokens are not consumed, so a client may retry a failed page.
type Continuation = {
  cmdlet: string;
  parametersKey: string;
  oid: string;
  rows: Row[];
  offset: number;
  warnings: string[];
  expiresAt: number;
};

export type PageLookup =
  | { ok: true; rows: Row[]; offset: number; warnings: string[] }
  | { ok: false; reason: "unknown" | "expired" | "mismatch" };

export class PageStore {
  private continuations = new Map<string, Continuation>();

  save(c: Omit<Continuation, "expiresAt">, now: number): string {
    // Tokens are kept in the order they were made and the clock only moves forward, so the
    // expired ones are at the front: pruning stops at the first live one (no scan per page).
    for (const [k, v] of this.continuations) {
      if (v.expiresAt >= now) break;
      this.continuations.delete(k);
    }
    const token = randomToken(48);
    this.continuations.set(token, { ...c, expiresAt: now + NEXT_LINK_LIFETIME_MS });
    return token;
  }

  find(token: string, request: { cmdlet: string; parametersKey: string; oid: string }, now: number): PageLookup {
    const c = this.continuations.get(token);
    if (!c) return { ok: false, reason: "unknown" };
    if (c.expiresAt < now) return { ok: false, reason: "expired" };
    if (c.cmdlet !== request.cmdlet || c.parametersKey !== request.parametersKey || c.oid !== request.oid) {
      return { ok: false, reason: "mismatch" };
    }
    return { ok: true, rows: c.rows, offset: c.offset, warnings: c.warnings };
  }

  clear(): void {
    this.continuations.clear();
  }
}

// Prefer: odata.maxpagesize=N (also sent as X-Prefer by some clients).
export function readPageSize(preferHeaders: (string | undefined)[]): number {
  for (const header of preferHeaders) {
    const m = header?.match(/odata\.maxpagesize\s*=\s*(\d+)/i);
    if (m) return Math.min(Math.max(1, Number(m[1])), MAX_PAGE_SIZE);
  }
  return DEFAULT_PAGE_SIZE;
}

// Parameters compared case-insensitively by name, so a retry that spells a key differently
// still matches; values must be identical.
export function parametersKey(parameters: Record<string, unknown>): string {
  const entries = Object.entries(parameters)
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
