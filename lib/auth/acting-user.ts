import type { TSessionUser } from "./session-user";

// The person a background job acts for (a bulk run, a report build, the read that settles an
// unknown outcome), from the ids stored when they started it: their own Exchange token is
// looked up by these. No app roles: roles come only from a verified ID token, never from a
// stored row, so a job cannot pass a role check on someone's behalf.
export function toActingUser(stored: { oid: string; tid: string; upn: string; name?: string }): TSessionUser {
  return { oid: stored.oid, tid: stored.tid, upn: stored.upn, name: stored.name ?? stored.upn, roles: [] };
}
