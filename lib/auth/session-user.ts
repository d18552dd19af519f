import type { TAppRole } from "./roles";

// Who a session is: ids and app roles, taken from the verified ID token. (The cookie also
// carries the id of its server-side session, lib/auth/session-store.ts.)
export type TSessionUser = {
  oid: string;
  tid: string;
  upn: string;
  name: string;
  roles: TAppRole[];
};
