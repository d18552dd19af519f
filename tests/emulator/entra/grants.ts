import { newGuid, randomToken } from "../ids";

// Everything Entra remembers between requests: sign-in requests waiting for a user to be
// picked, authorization codes, refresh tokens, browser sessions and per-user revocations.

export const PENDING_LIFETIME_MS = 10 * 60_000;
export const CODE_LIFETIME_MS = 10 * 60_000;
export const REFRESH_INACTIVITY_MS = 90 * 86_400_000;

export type ResponseMode = "query" | "fragment" | "form_post";

export type PendingAuthorization = {
  id: string;
  tenantSegment: string;
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  state: string | undefined;
  nonce: string | undefined;
  scope: string;
  codeChallenge: string;
  loginHint: string | undefined;
  createdAt: number;
};

export type AuthorizationCode = {
  code: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  nonce: string | undefined;
  codeChallenge: string;
  oid: string;
  sessionId: string;
  issuedAt: number;
  redeemed: boolean;
};

export type RefreshTokenGrant = {
  token: string;
  clientId: string;
  oid: string;
  scope: string; // what the user consented to at sign-in (space-separated)
  sessionId: string;
  issuedAt: number;
  lastUsedAt: number;
  revoked: boolean;
};

// How Entra words the refusal of a revoked refresh token, chosen per revocation by tests:
// "revoked" AADSTS50173 without suberror (Entra's usual form), "revoked-bad-token" the same with
// suberror bad_token, "sign-in-frequency" AADSTS70043 invalid_grant + token_expired,
// "sign-in-frequency-interaction" AADSTS70043 interaction_required + token_expired,
// "expired" AADSTS700082 invalid_grant.
export const REFUSAL_FORMS = ["revoked", "revoked-bad-token", "sign-in-frequency", "sign-in-frequency-interaction", "expired"] as const;
export type RefusalForm = (typeof REFUSAL_FORMS)[number];

export type BrowserSession = { id: string; oid: string; createdAt: number };

export class GrantStore {
  private pending = new Map<string, PendingAuthorization>();
  private codes = new Map<string, AuthorizationCode>();
  private refreshTokens = new Map<string, RefreshTokenGrant>();
  private sessions = new Map<string, BrowserSession>();
  private tokensValidFrom = new Map<string, number>();
  private refusalForms = new Map<string, RefusalForm>();

  addPending(p: Omit<PendingAuthorization, "id">): PendingAuthorization {
    const entry = { ...p, id: randomToken(24) };
    this.pending.set(entry.id, entry);
    return entry;
  }

  // Single use: a sign-in request is consumed when a user is chosen.
  takePending(id: string, now: number): PendingAuthorization | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (!p || now - p.createdAt > PENDING_LIFETIME_MS) return undefined;
    return p;
  }

  issueCode(c: Omit<AuthorizationCode, "code" | "redeemed">): string {
    const code = `1.A${randomToken(96)}`;
    this.codes.set(code, { ...c, code, redeemed: false });
    return code;
  }

  findCode(code: string): AuthorizationCode | undefined {
    return this.codes.get(code);
  }

  issueRefreshToken(g: Omit<RefreshTokenGrant, "token" | "revoked" | "lastUsedAt">): string {
    const token = `1.A${randomToken(160)}`;
    this.refreshTokens.set(token, { ...g, token, revoked: false, lastUsedAt: g.issuedAt });
    return token;
  }

  findRefreshToken(token: string): RefreshTokenGrant | undefined {
    return this.refreshTokens.get(token);
  }

  createSession(oid: string, now: number): BrowserSession {
    const s = { id: newGuid(), oid, createdAt: now };
    this.sessions.set(s.id, s);
    return s;
  }

  findSession(id: string | undefined): BrowserSession | undefined {
    if (!id) return undefined;
    const s = this.sessions.get(id);
    if (!s || s.createdAt < this.validFrom(s.oid)) return undefined;
    return s;
  }

  endSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  // Like revokeSignInSessions: every refresh token and browser session of the user stops
  // working; access tokens already issued stay valid until they expire.
  revokeUser(oid: string, now: number, form: RefusalForm = "revoked"): number {
    this.tokensValidFrom.set(oid, now);
    this.refusalForms.set(oid, form);
    let count = 0;
    for (const g of this.refreshTokens.values()) {
      if (g.oid === oid && !g.revoked) {
        g.revoked = true;
        count++;
      }
    }
    return count;
  }

  refusalForm(oid: string): RefusalForm {
    return this.refusalForms.get(oid) ?? "revoked";
  }

  validFrom(oid: string): number {
    return this.tokensValidFrom.get(oid) ?? 0;
  }

  clear(): void {
    this.pending.clear();
    this.codes.clear();
    this.refreshTokens.clear();
    this.sessions.clear();
    this.tokensValidFrom.clear();
    this.refusalForms.clear();
  }
}
